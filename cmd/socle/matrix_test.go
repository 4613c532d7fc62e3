package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden/matrix-*")

// golden compares got with testdata/golden/NAME (rewritten with -update).
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("..", "..", "testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test ./cmd/socle -run %s -update, then review the diff):\n%s", name, t.Name(), got)
	}
}

// TestMatrixRisks: socle matrix lists the risk register with each
// mitigating control's status in the evaluation it performs, and reports the
// risks without mitigating control and those no passing control mitigates,
// in every format.
func TestMatrixRisks(t *testing.T) {
	for _, f := range []struct{ format, file string }{{"text", "matrix-risks.txt"}, {"json", "matrix-risks.json"}, {"markdown", "matrix-risks.md"}} {
		r := socle(t, "matrix", "evaluator/testdata/valid/risks", "--as-of", "2026-09-30", "--format", f.format)
		if r.code != 0 {
			t.Fatalf("--format %s: exit %d\n%s", f.format, r.code, r.stderr)
		}
		golden(t, f.file, r.stdout)
	}
}

// TestMatrixFramework: socle matrix --framework pivots the matrix to SOC 2
// or ISO 27001: every criterion with the controls mapped to it (directly or
// through their objective) and their status, uncovered criteria as gaps, in
// every format; an unknown framework is a usage error with a suggestion.
func TestMatrixFramework(t *testing.T) {
	for _, f := range []struct{ framework, format, file string }{
		{"soc2", "text", "matrix-soc2.txt"}, {"soc2", "json", "matrix-soc2.json"},
		{"iso27001", "csv", "matrix-iso27001.csv"}, {"iso27001", "markdown", "matrix-iso27001.md"},
	} {
		r := socle(t, "matrix", "evaluator/testdata/valid/risks", "--as-of", "2026-09-30", "--framework", f.framework, "--format", f.format)
		if r.code != 0 {
			t.Fatalf("--framework %s --format %s: exit %d\n%s", f.framework, f.format, r.code, r.stderr)
		}
		golden(t, f.file, r.stdout)
	}
	r := socle(t, "matrix", "evaluator/testdata/valid/risks", "--framework", "iso2701")
	if r.code != 2 || !strings.Contains(r.stderr, `Did you mean "iso27001"?`) {
		t.Errorf("unknown framework: exit %d\n%s", r.code, r.stderr)
	}
	// --criteria scopes the pivot: the catalog examined for SOC 2 Security
	// and Availability lists only those criteria, and only their gaps.
	r = socle(t, "matrix", "policies", "--framework", "soc2", "--criteria", "CC,A1", "--format", "json")
	if r.code != 0 {
		t.Fatalf("--criteria CC,A1: exit %d\n%s", r.code, r.stderr)
	}
	var fm struct {
		Criteria []struct{ ID string }
		Covered  int `json:"criteria_covered"`
		Gaps     struct {
			Uncovered []string `json:"criteria_without_controls"`
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &fm); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if len(fm.Criteria) != 36 || fm.Covered+len(fm.Gaps.Uncovered) != 36 {
		t.Errorf("--criteria CC,A1: %d criteria, %d covered, gaps %v; want the 33 CC and 3 A1 criteria", len(fm.Criteria), fm.Covered, fm.Gaps.Uncovered)
	}
	for _, g := range fm.Gaps.Uncovered {
		if !strings.HasPrefix(g, "CC") && !strings.HasPrefix(g, "A1.") {
			t.Errorf("--criteria CC,A1 lists the gap %s, outside the scope", g)
		}
	}
	for _, bad := range []struct {
		args []string
		want string
	}{
		{[]string{"--framework", "soc2", "--criteria", "Q"}, `"Q" names no criterion of soc2: give a group such as CC1`},
		{[]string{"--criteria", "CC"}, "--criteria scopes a framework: add --framework"},
	} {
		r := socle(t, append([]string{"matrix", "policies"}, bad.args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, bad.want) {
			t.Errorf("%v: exit %d\n%s", bad.args, r.code, r.stderr)
		}
	}
}
