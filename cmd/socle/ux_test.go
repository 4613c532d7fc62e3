package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// completions runs socle __complete (what every shell's completion script
// calls) and returns the candidates, without descriptions, and the directive.
func completions(t *testing.T, args ...string) ([]string, string) {
	t.Helper()
	r := socle(t, append([]string{"__complete"}, args...)...)
	if r.code != 0 {
		t.Fatalf("__complete %q: exit %d\n%s", args, r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	var out []string
	for _, l := range lines[:len(lines)-1] {
		name, _, _ := strings.Cut(l, "\t")
		out = append(out, name)
	}
	return out, lines[len(lines)-1]
}

func TestCompletion(t *testing.T) {
	payrollControls := []string{"branch_protection", "changes_peer_approved", "cloudtrail_validated", "iam_least_privilege", "idp_mfa",
		"k8s_cluster_admin_restricted", "k8s_no_privileged_containers", "rds_backups_retained", "rds_encrypted", "s3_encrypted",
		"s3_public_access_blocked", "terminated_access_removed"}
	tests := []struct {
		name      string
		args      []string
		want      []string // exactly, when exact
		exact     bool
		directive string
	}{
		{"commands", []string{"ev"}, []string{"eval", "evidence"}, true, ":4"},
		{"--control of eval, from the repository named", []string{"eval", "examples/payroll", "--control", ""}, payrollControls, true, ":4"},
		{"--control of plan", []string{"plan", "examples/payroll", "--control", ""}, payrollControls, true, ":4"},
		{"explain's control (current directory: none)", []string{"explain", ""}, nil, true, ":4"},
		{"explain's directory", []string{"explain", "idp_mfa", ""}, nil, true, ":16"}, // ShellCompDirectiveFilterDirs
		{"--provider of collect", []string{"collect", "examples/payroll", "--provider", ""},
			[]string{"file.changes", "file.hr", "file.idp", "github", "kubernetes", "terraform"}, true, ":4"},
		{"--format of eval", []string{"eval", "--format", ""}, []string{"evidence", "github", "json", "junit", "markdown", "sarif", "text"}, true, ":4"},
		{"--framework of matrix", []string{"matrix", "--framework", ""}, []string{"iso27001", "soc2"}, true, ":4"},
		{"--framework of report", []string{"report", "--framework", ""}, []string{"iso27001", "soc2"}, true, ":4"},
		{"--criteria of matrix, the framework's groups", []string{"matrix", "--framework", "soc2", "--criteria", "CC1,"},
			[]string{"CC1,CC1", "CC1,CC2", "CC1,CC3", "CC1,CC4", "CC1,CC5", "CC1,CC6", "CC1,CC7", "CC1,CC8", "CC1,CC9", "CC1,A1", "CC1,C1", "CC1,PI1",
				"CC1,P1", "CC1,P2", "CC1,P3", "CC1,P4", "CC1,P5", "CC1,P6", "CC1,P7", "CC1,P8"}, true, ":4"},
		{"--criteria without --framework", []string{"report", "--criteria", ""}, nil, true, ":4"},
		{"--fail-on", []string{"eval", "--fail-on", ""}, []string{"low", "medium", "high", "critical", "none"}, true, ":4"},
		{"--status of evidence list", []string{"evidence", "list", "--status", ""}, []string{"pass", "fail", "not_tested", "error"}, true, ":4"},
		{"a repository directory", []string{"validate", ""}, nil, true, ":16"}, // ShellCompDirectiveFilterDirs
		{"completion shells", []string{"completion", ""}, []string{"bash", "fish", "powershell", "zsh"}, true, ":4"},
		{"--format of readiness", []string{"readiness", "--format", ""}, []string{"text", "markdown", "html", "json"}, true, ":4"},
		{"--owner of owners, literal or through a local", []string{"owners", "evaluator/readiness/testdata/northwind", "--owner", ""},
			[]string{"platform@northwind.example", "security@northwind.example"}, true, ":4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, directive := completions(t, tt.args...)
			if tt.exact && !slices.Equal(got, tt.want) {
				t.Errorf("candidates %q, want %q", got, tt.want)
			}
			if directive != tt.directive {
				t.Errorf("directive %s, want %s", directive, tt.directive)
			}
		})
	}

	// explain completes the controls of the current directory, with their titles.
	r := socleEnv(t, filepath.Join(repoRoot(t), "examples/payroll"), nil, "__complete", "explain", "idp")
	if !strings.Contains(r.stdout, "idp_mfa\tEvery active identity provider account has MFA enrolled\n") {
		t.Errorf("explain's control completion:\n%s", r.stdout)
	}

	// Every shell's script is generated.
	for _, sh := range []string{"bash", "zsh", "fish", "powershell"} {
		r := socle(t, "completion", sh)
		if r.code != 0 || !strings.Contains(r.stdout, "__complete") {
			t.Errorf("completion %s: exit %d, script:\n%.300s", sh, r.code, r.stdout)
		}
	}
}

func TestExplain(t *testing.T) {
	r := socle(t, "explain", "terminated_access_removed", "examples/payroll")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	for _, want := range []string{
		"control.terminated_access_removed (1.1): Terminated employees hold no active identity provider account",
		"CO-1 logical_access: Logical access",
		"10  Control Activities: The organization selects and develops control activities",
		"package acme.access.terminated_access (sha256 ",
		"examples/payroll/policies/access/terminated_access.rego (package acme.access.terminated_access)",
		`   2  package acme.access.terminated_access`,
		"file.hr (examples/payroll/providers.hcl:",
		`    snapshot = "snapshots/hr/roster.csv"`,
		"targets: hr=file.hr,idp=file.idp",
		"acme.access.terminated_access_test.test_terminated_and_active_fails",
		"There is no evidence store at sqlite://.socle/evidence.db: socle eval --record creates it",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("explain lacks %q:\n%s", want, r.stdout)
		}
	}

	// By ref, with a waiver; with a store, its latest results.
	dir := t.TempDir()
	repo := filepath.Join(dir, "payroll")
	copyTree(t, "examples/payroll", repo)
	if r := socle(t, "eval", repo, "--record", "--fail-on", "none"); r.code != 0 {
		t.Fatalf("eval --record: exit %d\n%s", r.code, r.stderr)
	}
	r = socle(t, "explain", "idp_mfa", repo, "--format", "json", "--no-source")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	var e struct {
		Control struct {
			Name string `json:"name"`
		} `json:"control"`
		COSO []struct {
			Number int `json:"number"`
		} `json:"coso"`
		Policy struct {
			Files []struct {
				Path, Source string
			} `json:"files"`
		} `json:"policy"`
		Waivers []struct {
			Label   string `json:"label"`
			Expired bool   `json:"expired"`
		} `json:"waivers"`
		RegoTests []struct{ Name string } `json:"rego_tests"`
		Results   struct {
			Note    string `json:"note"`
			Records int    `json:"records"`
			Latest  []struct {
				Record, Target, Status string
			} `json:"latest"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &e); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if e.Control.Name != "idp_mfa" || len(e.COSO) == 0 || len(e.Policy.Files) == 0 || e.Policy.Files[0].Source != "" || len(e.RegoTests) == 0 {
		t.Errorf("explanation: %+v", e)
	}
	if len(e.Waivers) == 0 {
		t.Errorf("the example's waiver of idp_mfa is not listed: %+v", e.Waivers)
	}
	if e.Results.Note != "" || e.Results.Records != 1 || len(e.Results.Latest) != 1 || e.Results.Latest[0].Target != "file.idp" || !strings.Contains(e.Results.Latest[0].Record, "/") {
		t.Errorf("latest results: %+v", e.Results)
	}

	// Filters of the store's commands suggest the names the store holds.
	r = socle(t, "evidence", "list", "--repo", repo, "--control", "idp_mfx")
	if r.code != 0 || !strings.Contains(r.stderr, `No runs in sqlite://.socle/evidence.db match. Did you mean --control "idp_mfa"?`) {
		t.Errorf("evidence list --control idp_mfx: exit %d\n%s", r.code, r.stderr)
	}
	r = socle(t, "sample", repo, "--control", "idp_mfx", "--period", "2026-01-01..2026-01-31")
	if r.code != 2 || !strings.Contains(r.stderr, `Did you mean --control "idp_mfa"?`) {
		t.Errorf("sample --control idp_mfx: exit %d\n%s", r.code, r.stderr)
	}

	// Unknown controls: a suggestion, exit 2.
	for given, want := range map[string]string{"idp_mfx": `Did you mean "idp_mfa"?`, "terminated": `Did you mean "terminated_access_removed"?`} {
		r := socle(t, "explain", given, "examples/payroll")
		if r.code != 2 || !strings.Contains(r.stderr, want) {
			t.Errorf("explain %s: exit %d, stderr %s", given, r.code, r.stderr)
		}
	}
}

// TestErrorsTeach: the names a user types are checked with a suggestion, and
// an empty directory says how to start.
func TestErrorsTeach(t *testing.T) {
	empty := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"eval", empty}, "holds no *.hcl file. Point socle at a policy repository, or start one: socle init"},
		{[]string{"evl"}, "Did you mean this?\n\teval"},
		{[]string{"evidence", "lst"}, `Did you mean "list"?`},
		{[]string{"eval", "examples/payroll", "--control", "idp_mfx"}, `Did you mean "idp_mfa"?`},
		{[]string{"eval", "examples/payroll", "--format", "jsn"}, `Did you mean "json"?`},
		{[]string{"eval", "examples/payroll", "--fail-on", "hihg"}, `Did you mean "high"?`},
		{[]string{"collect", "examples/payroll", "-o", filepath.Join(empty, "b"), "--provider", "file.hrr"}, `Did you mean "file.hr"?`},
		{[]string{"evidence", "list", "--status", "fial"}, `Did you mean "fail"?`},
		{[]string{"diff", "a.json", "b.json", "--format", "markdwn"}, `Did you mean "markdown"?`},
		{[]string{"matrix", "examples/payroll", "--format", "cvs"}, `Did you mean "csv"?`},
		{[]string{"eval", "--quiet", "--verbose", "testdata/cli/pass"}, "--quiet and --verbose contradict each other"},
	}
	for _, tt := range tests {
		r := socle(t, tt.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("socle %s: exit %d, want 2 and %q in:\n%s", strings.Join(tt.args, " "), r.code, tt.want, r.stderr)
		}
	}
}
