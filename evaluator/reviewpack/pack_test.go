package reviewpack_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/reviewpack"
)

// gitRepo copies the Northwind history repository (evaluator/report's
// fixture) into a new git repository, under a subdirectory as a policy
// repository often is, and commits it.
func gitRepo(t *testing.T) (top, dir string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("git is not installed")
		}
		t.Skip("git is not installed")
	}
	top = t.TempDir()
	dir = filepath.Join(top, "controls")
	if err := os.CopyFS(dir, os.DirFS("../report/testdata/history")); err != nil {
		t.Fatal(err)
	}
	run(t, top, "init", "-q", "-b", "main")
	run(t, top, "add", ".")
	run(t, top, "commit", "-q", "-m", "Northwind controls")
	return top, dir
}

func run(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=Test Auditor", "-c", "user.email=auditor@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE=2026-04-02T10:00:00Z", "GIT_COMMITTER_DATE=2026-04-02T10:00:00Z")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func edit(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func load(t *testing.T, dir string) *evaluator.Repo {
	t.Helper()
	repo, diags := evaluator.Load(evaluator.Options{Dir: dir})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	return repo
}

// TestPack builds the pack of the Northwind repository: every control has
// its page with its policy source, providers and snapshots, tests (run) and
// waivers; a manual control lists its evidence files.
func TestPack(t *testing.T) {
	_, dir := gitRepo(t)
	now := time.Date(2026, 4, 2, 12, 0, 0, 0, time.UTC)
	p, err := reviewpack.Build(context.Background(), load(t, dir), reviewpack.Options{Now: now, SocleVersion: "0.0.0-test"})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Objectives) != 4 || len(p.Controls) != 6 || p.TestsFailed != 0 || p.TestsPassed != 4 {
		t.Fatalf("pack: %d objectives, %d controls, tests %d passed %d failed", len(p.Objectives), len(p.Controls), p.TestsPassed, p.TestsFailed)
	}
	byLabel := map[string]*reviewpack.Control{}
	for _, c := range p.Controls {
		byLabel[c.Label] = c
	}
	mfa := byLabel["mfa"]
	if len(mfa.Modules) != 1 || mfa.Modules[0].Path != "policies/mfa.rego" || !strings.Contains(mfa.Modules[0].Source, "relies on SMS alone") {
		t.Errorf("mfa modules: %+v", mfa.Modules)
	}
	if len(mfa.Tests) != 3 || !mfa.Tests[0].Pass || mfa.Tests[0].Kind != "rego" {
		t.Errorf("mfa tests: %+v", mfa.Tests)
	}
	if len(mfa.Targets) != 2 || mfa.Targets[0].Inputs[0].Items != 1 || mfa.Targets[0].Inputs[0].Keys[0] != "content" || mfa.Targets[0].Inputs[0].Sources[0] != "snapshots/idp/users.json" {
		t.Errorf("mfa targets: %+v", mfa.Targets)
	}
	if len(mfa.Waivers) != 1 || mfa.Waivers[0].Label != "svc_backup_mfa" || mfa.Waivers[0].Expired {
		t.Errorf("mfa waivers: %+v", mfa.Waivers)
	}
	if w := byLabel["branch_protection"].Waivers; len(w) != 1 || !w[0].Expired {
		t.Errorf("branch_protection's waiver expired on 2026-02-28: %+v", w)
	}
	if ev := byLabel["access_review"].Evidence; len(ev) != 1 || ev[0].Date != "2026-03-27" {
		t.Errorf("access_review evidence: %+v", ev)
	}
	if len(byLabel["terminated_access"].Tests) != 0 {
		t.Errorf("terminated_access has no test: %+v", byLabel["terminated_access"].Tests)
	}

	for _, format := range reviewpack.Formats {
		files, err := reviewpack.Render(p, format)
		if err != nil {
			t.Fatal(err)
		}
		ext := map[string]string{"html": "html", "markdown": "md"}[format]
		want := []string{"index." + ext, "matrix." + ext}
		for _, o := range p.Objectives {
			want = append(want, "objectives/"+o.Label+"."+ext)
		}
		for _, c := range p.Controls {
			want = append(want, "controls/"+c.Label+"."+ext)
		}
		if got := reviewpack.Files(files); len(got) != len(want) {
			t.Errorf("%s: files %q, want %q", format, got, want)
		}
		for _, f := range want {
			if len(files[f]) == 0 {
				t.Errorf("%s: no %s", format, f)
			}
		}
		page := string(files["controls/mfa."+ext])
		switch format {
		case "html":
			// chroma's Rego lexer: keywords in their own coloured spans.
			if !strings.Contains(page, `<span style="`) || !strings.Contains(page, ">contains</span>") || strings.Contains(page, "<script") {
				t.Errorf("the HTML control page does not highlight Rego:\n%.2000s", page)
			}
		case "markdown":
			if !strings.Contains(page, "```rego\npackage northwind.access.mfa\n") || !strings.Contains(page, "| `northwind.access.mfa_test.test_sms_alone_denied` | rego |") {
				t.Errorf("the Markdown control page:\n%s", page)
			}
		}
	}
}

// TestPackSince: controls, waivers and policies changed in a commit (and in
// the working tree) are listed against the revision before, with the commit.
func TestPackSince(t *testing.T) {
	top, dir := gitRepo(t)
	edit(t, filepath.Join(dir, "controls.hcl"), `title       = "Every active user signs in with a second factor"`, `title       = "Every active user signs in with phishing-resistant MFA"`)
	edit(t, filepath.Join(dir, "waivers.hcl"), `expires     = "2026-02-28"`, `expires     = "2026-06-30"`)
	edit(t, filepath.Join(dir, "policies/backups.rego"), `job.status != "succeeded"`, `not job.status in {"succeeded", "skipped"}`)
	run(t, top, "commit", "-q", "-am", "Extend the legacy waiver; skipped backups are not failures")
	// Not committed yet: a new waiver.
	f, err := os.OpenFile(filepath.Join(dir, "waivers.hcl"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("\nwaiver \"staging_backups\" {\n  control     = control.backups\n  reason      = \"Staging\"\n  approved_by = \"CTO\"\n  expires     = \"2026-05-01\"\n}\n")
	f.Close()

	p, err := reviewpack.Build(context.Background(), load(t, dir), reviewpack.Options{Since: "HEAD~1"})
	if err != nil {
		t.Fatal(err)
	}
	ch := p.Changes
	if len(ch.Commits) != 1 || ch.Commits[0].Subject != "Extend the legacy waiver; skipped backups are not failures" || ch.Commits[0].Author != "Test Auditor" {
		t.Errorf("commits: %+v", ch.Commits)
	}
	if len(ch.Uncommitted) != 1 || !strings.HasSuffix(ch.Uncommitted[0], "controls/waivers.hcl") {
		t.Errorf("uncommitted: %q", ch.Uncommitted)
	}
	if len(ch.Controls) != 1 || ch.Controls[0].Label != "mfa" || ch.Controls[0].Kind != "changed" || len(ch.Controls[0].Fields) != 1 ||
		ch.Controls[0].Fields[0].Field != "title" || ch.Controls[0].Fields[0].After != "Every active user signs in with phishing-resistant MFA" {
		t.Errorf("controls: %+v", ch.Controls)
	}
	if len(ch.Waivers) != 2 || ch.Waivers[0].Label != "legacy_repository" || ch.Waivers[0].Fields[0].Field != "expires" || ch.Waivers[0].Fields[0].Before != "2026-02-28" ||
		ch.Waivers[1].Label != "staging_backups" || ch.Waivers[1].Kind != "added" {
		t.Errorf("waivers: %+v", ch.Waivers)
	}
	if len(ch.Policies) != 1 || ch.Policies[0].Label != "northwind.operations.backups" || ch.Policies[0].Fields[0].Field != "sha256" {
		t.Errorf("policies: %+v", ch.Policies)
	}
	if len(ch.Objectives) != 0 {
		t.Errorf("objectives: %+v", ch.Objectives)
	}
	if !strings.Contains(ch.PolicyDiff, `+	not job.status in {"succeeded", "skipped"}`) {
		t.Errorf("policy diff:\n%s", ch.PolicyDiff)
	}
	files, err := reviewpack.Render(p, "markdown")
	if err != nil {
		t.Fatal(err)
	}
	if c := string(files["changes.md"]); !strings.Contains(c, "- **changed** `legacy_repository`:\n  - expires: `2026-02-28` → `2026-06-30`") {
		t.Errorf("changes.md:\n%s", c)
	}

	for _, rev := range []string{"no-such-rev", "HEAD~5"} {
		_, err := reviewpack.Build(context.Background(), load(t, dir), reviewpack.Options{Since: rev})
		var gitErr *reviewpack.GitError
		if !errorsAs(err, &gitErr) || !strings.Contains(err.Error(), "no such revision") {
			t.Errorf("--since %s: %v", rev, err)
		}
	}
}

// TestPackRisksAndMappings: the pack's control pages name the control's
// mappings and the risks it mitigates; the matrix page lists the risk
// register and the risks without a mitigating control.
func TestPackRisksAndMappings(t *testing.T) {
	p, err := reviewpack.Build(context.Background(), load(t, filepath.Join("..", "testdata", "valid", "risks")), reviewpack.Options{Now: time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC), SocleVersion: "0.0.0-test"})
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"markdown", "html"} {
		files, err := reviewpack.Render(p, format)
		if err != nil {
			t.Fatal(err)
		}
		ext := map[string]string{"markdown": "md", "html": "html"}[format]
		var control, matrix string
		for name, b := range files {
			switch {
			case strings.HasSuffix(name, "admin_mfa."+ext):
				control = string(b)
			case name == "matrix."+ext:
				matrix = string(b)
			}
		}
		for _, want := range []string{"iso27001: A.8.2, A.8.5; soc2: CC6.1, CC6.3", "R-1 An attacker takes over an administrator account"} {
			if !strings.Contains(control, want) {
				t.Errorf("%s: the admin_mfa page lacks %q", format, want)
			}
		}
		for _, want := range []string{"Risk register", "3 × 5 = 15 (high)", "2 × 4 = 8 (medium), fraud", "control.admin_mfa, control.user_mfa", "Risks without mitigating controls", "vendor_failure"} {
			if !strings.Contains(matrix, want) {
				t.Errorf("%s: the matrix page lacks %q", format, want)
			}
		}
	}
}
