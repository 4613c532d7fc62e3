package evaluator_test

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/socle-dev/socle/evaluator"
)

// FuzzLoad feeds arbitrary bytes to the configuration loader as a repository's
// only .hcl file: it must report diagnostics, never panic. Seeds are every
// fixture of testdata/ plus the committed corpus in testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	fixtures, _ := filepath.Glob("testdata/*/*/*.hcl")
	for _, p := range fixtures {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	rego := []byte("package socle.p\n\nresources contains \"x\"\n")
	asOf := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{
			"main.hcl":        {Data: src},
			"policies/p.rego": {Data: rego},
			"x.json":          {Data: []byte(`[{"id": "a"}]`)},
		}
		repo, diags := evaluator.Load(evaluator.Options{
			Dir: "fuzz", FS: fsys, AsOf: asOf,
			Environ: func() []string { return nil },
			Getenv:  func(string) (string, bool) { return "", false },
		})
		if repo == nil && !diags.HasErrors() {
			t.Fatal("no repository and no error")
		}
		for _, d := range diags {
			if d.Summary == "" {
				t.Fatalf("diagnostic without summary: %#v", d)
			}
		}
	})
}
