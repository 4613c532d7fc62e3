package main

import (
	"flag"
	"os"
	"path/filepath"
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
