package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportFramework: socle report --framework soc2 adds the report
// pivoted to SOC 2 (the criterion the control maps to, with its result;
// the others as gaps) in markdown and json; an unknown framework is a usage
// error with a suggestion, and so is a repository that does not load.
func TestReportFramework(t *testing.T) {
	dir := policyRepo(t, "")
	p := filepath.Join(dir, "main.hcl")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	b = []byte(strings.Replace(string(b), `  title     = "MFA for every user"`, `  title     = "MFA for every user"`+"\n"+`  mappings  = { soc2 = ["CC6.1"] }`, 1))
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"2026-03-01", "2026-03-02"} {
		if r := socleEnv(t, dir, nil, "eval", ".", "--record", "--as-of", d); r.code != 1 {
			t.Fatalf("eval --record --as-of %s: exit %d\n%s", d, r.code, r.stderr)
		}
	}
	r := socleEnv(t, dir, nil, "report", ".", "--period", "2026-03-01..2026-03-02", "--framework", "soc2", "--format", "markdown")
	if r.code != 0 || !strings.Contains(r.stdout, "## SOC 2 Trust Services Criteria (2017, points of focus revised 2022): criteria, controls and results") ||
		!strings.Contains(r.stdout, "1 of 61 criteria covered") || !strings.Contains(r.stdout, "| **CC6.1** ") ||
		!strings.Contains(r.stdout, "- **CC6.2** ") {
		t.Errorf("markdown: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = socleEnv(t, dir, nil, "report", ".", "--period", "2026-03-01..2026-03-02", "--framework", "soc2", "--format", "json")
	var rep struct {
		Framework struct {
			Name     string `json:"name"`
			Covered  int    `json:"criteria_covered"`
			Gaps     []string
			Criteria []struct {
				ID         string `json:"id"`
				Exceptions bool   `json:"exceptions"`
			} `json:"criteria"`
		} `json:"framework"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || rep.Framework.Name != "soc2" || rep.Framework.Covered != 1 || len(rep.Framework.Gaps) != 60 {
		t.Errorf("json: %v %+v\n%s", err, rep.Framework, r.stderr)
	}
	r = socleEnv(t, dir, nil, "report", ".", "--period", "2026-03-01..2026-03-02", "--framework", "iso2701")
	if r.code != 2 || !strings.Contains(r.stderr, `Did you mean "iso27001"?`) {
		t.Errorf("unknown framework: exit %d\n%s", r.code, r.stderr)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), `"CC6.1"`, `"CC6.01"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	r = socleEnv(t, dir, nil, "report", ".", "--period", "2026-03-01..2026-03-02", "--framework", "soc2")
	if r.code != 2 || !strings.Contains(r.stderr, `main.hcl:21:25`) || !strings.Contains(r.stderr, `Did you mean "CC6.1"?`) {
		t.Errorf("a repository that does not load: exit %d\n%s", r.code, r.stderr)
	}
}
