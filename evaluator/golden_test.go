package evaluator_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/output"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGoldenExample evaluates the example repository with the clock, run id and
// context fixed, and compares each format with its golden file in
// testdata/golden (regenerate with go test ./evaluator -run Golden -update, and
// review the diff).
func TestGoldenExample(t *testing.T) {
	t.Chdir("..") // paths in the output are as a user at the repository root sees them
	doc, diags := evaluate(t, "examples/payroll", evaluator.EvalOptions{
		Context: map[string]string{"git_commit": "0123456789abcdef0123456789abcdef01234567", "ci_job": "42"},
	})
	for _, d := range diags {
		t.Errorf("diagnostic: %s", d)
	}
	for _, format := range []string{"text", "json", "evidence", "sarif"} {
		t.Run(format, func(t *testing.T) {
			f, err := output.Lookup(format, output.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := f.Format(&buf, doc); err != nil {
				t.Fatal(err)
			}
			ext := map[string]string{"text": "txt", "json": "json", "evidence": "jsonl", "sarif": "sarif"}[format]
			golden := filepath.Join("testdata", "golden", "payroll."+ext)
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs from %s (rerun with -update and review the diff):\n%s", format, golden, buf.String())
			}
		})
	}
}
