package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadinessCommand runs socle readiness on the readiness fixture: gaps
// exit 1 in every format, a wrong flag exits 2, --output is written whole.
func TestReadinessCommand(t *testing.T) {
	repo := "evaluator/readiness/testdata/northwind"
	out := filepath.Join(t.TempDir(), "readiness.html")
	for _, tt := range []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"text", []string{"readiness", repo, "--as-of", "2026-03-31", "--days", "30"}, 1, "Verdict: gaps: 1 store, 1 objective", "No evidence store yet"},
		{"json", []string{"readiness", repo, "--as-of", "2026-03-31", "--format", "json"}, 1, `"verdict": "gaps: 1 store`, ""},
		{"markdown", []string{"readiness", repo, "--as-of", "2026-03-31", "--format", "markdown"}, 1, "## CO-3 Backup and operations", ""},
		{"html to a file", []string{"readiness", repo, "--as-of", "2026-03-31", "--format", "html", "--output", out}, 1, "", "Wrote the html readiness assessment to"},
		{"unknown format", []string{"readiness", repo, "--format", "xlsx"}, 2, "", `invalid --format "xlsx"`},
		{"bad window", []string{"readiness", repo, "--days", "0"}, 2, "", "--days 0"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := socle(t, tt.args...)
			if r.code != tt.code || !strings.Contains(r.stdout, tt.stdout) || !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("exit %d (want %d)\nstdout:\n%s\nstderr:\n%s", r.code, tt.code, r.stdout, r.stderr)
			}
		})
	}
	b, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(b), "<h1>Readiness assessment</h1>") {
		t.Errorf("--output: %v", err)
	}
}

// TestOwnersCommand runs socle owners on the readiness fixture without a
// store: every target has no record, the waivers about to expire are listed.
func TestOwnersCommand(t *testing.T) {
	repo := "evaluator/readiness/testdata/northwind"
	r := socle(t, "owners", repo, "--as-of", "2026-03-31")
	if r.code != 0 || !strings.Contains(r.stdout, "## security@northwind.example") || !strings.Contains(r.stdout, "`svc_backup_mfa` on mfa") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	r = socle(t, "owners", repo, "--as-of", "2026-03-31", "--format", "json")
	if r.code != 0 || !strings.Contains(r.stdout, `"status": "no record"`) {
		t.Errorf("json: exit %d\n%s", r.code, r.stdout)
	}
	r = socle(t, "owners", repo, "--as-of", "2026-03-31", "--owner", "platform@northwind.example")
	if r.code != 0 || !strings.Contains(r.stdout, "## platform@northwind.example") || strings.Contains(r.stdout, "security@") {
		t.Errorf("--owner: exit %d\n%s", r.code, r.stdout)
	}
	r = socle(t, "owners", repo, "--owner", "platfrom@northwind.example")
	if r.code != 2 || !strings.Contains(r.stderr, `Did you mean "platform@northwind.example"?`) {
		t.Errorf("an unknown owner: exit %d\n%s", r.code, r.stderr)
	}
	r = socle(t, "owners", repo, "--format", "text")
	if r.code != 2 || !strings.Contains(r.stderr, `invalid --format "text": give markdown or json`) {
		t.Errorf("a bad format: exit %d\n%s", r.code, r.stderr)
	}
}

// TestReadinessReady: a repository whose only control is documented,
// tested and recorded for the window is ready: exit 0.
func TestReadinessReady(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"main.hcl": `socle {
  organization = "CLI test"
}

objective "access" {
  ref   = "CO-1"
  title = "Logical access"
}

provider "file" {
  alias    = "idp"
  snapshot = "users.json"
}

control "mfa" {
  ref         = "1.1"
  objective   = objective.access
  title       = "MFA for every user"
  description = "Every user signs in with a second factor."
  policy      = "cli.users"
  providers   = [file.idp]
  frequency   = "daily"
  owner       = "security@example.com"
}
`,
		"users.json":               `[{"id": "alice", "mfa": true}]`,
		"policies/users.rego":      notifyPolicy,
		"policies/users_test.rego": "package cli.users_test\n\nimport data.cli.users\n\ntest_denied if {\n\tusers.deny with input as {\"file\": {\"content\": [{\"id\": \"bob\", \"mfa\": false}]}}\n}\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, day := range []string{"2026-03-29", "2026-03-30", "2026-03-31"} {
		if r := socleIn(t, dir, nil, "eval", ".", "--record", "--as-of", day); r.code != 0 {
			t.Fatalf("eval %s: exit %d\n%s", day, r.code, r.stderr)
		}
	}
	r := socleIn(t, dir, nil, "readiness", ".", "--as-of", "2026-03-31", "--days", "3")
	if r.code != 0 || !strings.Contains(r.stdout, "Verdict: ready") || !strings.Contains(r.stdout, "file.idp 3/3 days, latest pass") {
		t.Errorf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	// A day without a run makes a gap: exit 1.
	r = socleIn(t, dir, nil, "readiness", ".", "--as-of", "2026-03-31", "--days", "4")
	if r.code != 1 || !strings.Contains(r.stdout, "did not operate on file.idp on 1 of 4 days (2026-03-28)") {
		t.Errorf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}
