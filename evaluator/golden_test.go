package evaluator_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/output"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenFormats are the formats with golden files, and their extensions.
var goldenFormats = []struct{ name, ext string }{
	{"text", "txt"}, {"json", "json"}, {"evidence", "jsonl"}, {"sarif", "sarif"}, {"junit", "xml"}, {"github", "github.txt"}, {"markdown", "md"},
}

// TestGolden evaluates repositories with the clock, run id and context fixed,
// and compares each format with its golden file in testdata/golden (regenerate
// with go test ./evaluator -run Golden -update, and review the diff). The
// example covers a realistic run; the semantics fixture covers every status,
// waivers, warnings and errors.
func TestGolden(t *testing.T) {
	t.Chdir("..") // paths in the output are as a user at the repository root sees them
	for _, repo := range []struct {
		name, dir string
		timeout   time.Duration
	}{
		{"payroll", "examples/payroll", 0},
		{"semantics", "evaluator/testdata/valid/semantics", 300 * time.Millisecond},
	} {
		doc, _ := evaluate(t, repo.dir, evaluator.EvalOptions{
			Timeout: repo.timeout,
			Context: map[string]string{"git_commit": "0123456789abcdef0123456789abcdef01234567", "ci_job": "42"},
		})
		for _, format := range goldenFormats {
			t.Run(repo.name+"/"+format.name, func(t *testing.T) {
				f, err := output.Lookup(format.name, output.Options{})
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				if err := f.Format(&buf, doc); err != nil {
					t.Fatal(err)
				}
				golden := filepath.Join("testdata", "golden", repo.name+"."+format.ext)
				if *update {
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
					t.Errorf("%s differs from %s (rerun with -update and review the diff):\n%s", format.name, golden, buf.String())
				}
			})
		}
	}
}
