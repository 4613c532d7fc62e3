package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A control the repository declares that has no record in the period is in the
// report, every occurrence missing; the socle block's period is the default.
func TestReportListsControlsThatNeverOperated(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"main.hcl": `socle {
  period {
    start = "2026-03-01"
    end   = "2026-03-03"
  }
}
objective "access" {
  ref   = "CO-1"
  title = "Access"
}
provider "file" {
  snapshot = "users.json"
}
control "mfa" {
  ref       = "1.1"
  objective = objective.access
  title     = "MFA"
  policy    = "p"
  providers = [file]
  frequency = "daily"
}
control "review" {
  ref       = "1.2"
  objective = objective.access
  title     = "Access review"
  policy    = "p"
  providers = [file]
  frequency = "monthly"
}
`,
		"users.json":      `[{"id": "alice"}]`,
		"policies/p.rego": "package p\n\nresources contains u.id if some u in input.file.content\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{"2026-03-01", "2026-03-02", "2026-03-03"} {
		if r := socleEnv(t, dir, nil, "eval", ".", "--record", "--as-of", d, "--control", "mfa"); r.code != 0 {
			t.Fatalf("eval %s: exit %d\n%s", d, r.code, r.stderr)
		}
	}
	r := socleEnv(t, dir, nil, "report", ".")
	if r.code != 0 {
		t.Fatalf("report: exit %d\n%s", r.code, r.stderr)
	}
	type control struct {
		Control    string `json:"control"`
		Covered    int    `json:"covered"`
		Missing    int    `json:"missing"`
		Records    int    `json:"records"`
		Conclusion string `json:"conclusion"`
	}
	var rep struct {
		From     string
		Controls []control
	}
	var raw []json.RawMessage
	rep.From, _, raw = periodOf(t, r.stdout)
	for _, m := range raw {
		var c control
		if err := json.Unmarshal(m, &c); err != nil {
			t.Fatal(err)
		}
		rep.Controls = append(rep.Controls, c)
	}
	if rep.From != "2026-03-01" || len(rep.Controls) != 2 {
		t.Fatalf("report: %s", r.stdout)
	}
	if c := rep.Controls[0]; c.Control != "mfa" || c.Covered != 3 || c.Conclusion != "No exceptions noted." {
		t.Errorf("mfa: %+v", c)
	}
	c := rep.Controls[1]
	if c.Control != "review" || c.Records != 0 || c.Missing != 1 || !strings.Contains(c.Conclusion, "did not operate on 1 of 1 month (2026-03)") {
		t.Errorf("review, which never ran: %+v", c)
	}
}
