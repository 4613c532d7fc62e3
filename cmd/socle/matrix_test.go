package main

import (
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
}
