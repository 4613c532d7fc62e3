package evaluator_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/internal/corpus"
)

// copyTree copies the directory src into dst (tests and benchmarks share it).
func copyTree(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestBenchManifestStylesAgree checks that the benchmark's two renderings of
// the Kubernetes checks, socle's (testdata/bench-k8s, over the kubernetes
// provider's document) and conftest's (testdata/bench-k8s-conftest, one
// manifest document at a time), find the same deviations on a generated
// corpus, and that each control finds some and passes some: the side-by-side
// comparison of scripts/bench-compare.sh runs the same checks.
func TestBenchManifestStylesAgree(t *testing.T) {
	messages := func(src string) map[string][]string {
		dir := t.TempDir()
		copyTree(t, src, dir)
		if err := corpus.WriteManifests(filepath.Join(dir, "manifests"), 300, 3); err != nil {
			t.Fatal(err)
		}
		repo, diags := evaluator.Load(evaluator.Options{Dir: dir, Environ: func() []string { return nil }})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		doc, diags := repo.Evaluate(context.Background(), evaluator.EvalOptions{})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		out := map[string][]string{}
		for _, r := range doc.Results {
			if r.Error != nil {
				t.Fatalf("%s: %s", r.Control.Label, *r.Error)
			}
			var msgs []string
			for _, f := range r.Findings {
				msgs = append(msgs, f.Message)
			}
			slices.Sort(msgs)
			out[r.Control.Label] = msgs
			if len(msgs) == 0 || r.Population == nil || *r.Population <= len(msgs) && src == "../testdata/bench-k8s" {
				t.Errorf("%s (%s): %d findings over a population of %v: the corpus must exercise the check both ways", r.Control.Label, src, len(msgs), r.Population)
			}
		}
		return out
	}
	native := messages("../testdata/bench-k8s")
	conftest := messages("../testdata/bench-k8s-conftest")
	if len(native) != 7 || len(conftest) != 7 {
		t.Fatalf("%d and %d controls, want 7 each", len(native), len(conftest))
	}
	for label, want := range native {
		if got := conftest[label]; !slices.Equal(got, want) {
			t.Errorf("%s: the conftest rendering finds %d deviations, socle's %d; first of each: %v / %v", label, len(got), len(want), first(got), first(want))
		}
	}
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
