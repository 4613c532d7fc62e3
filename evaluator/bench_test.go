package evaluator_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/internal/corpus"
)

// benchRepo copies testdata/bench (20 controls over a Terraform plan) into a
// temporary directory with a generated plan of n resources.
func benchRepo(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	err := filepath.WalkDir("../testdata/bench", func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("../testdata/bench", p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), src, 0o644)
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := corpus.WritePlan(filepath.Join(dir, "plan.json"), n, 1); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkEvaluatePlan measures eval after configuration loading: reading and
// normalizing the plan, converting it once, and evaluating the 20 controls.
func BenchmarkEvaluatePlan(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
			dir := benchRepo(b, n)
			repo, diags := evaluator.Load(evaluator.Options{Dir: dir, Environ: func() []string { return nil }})
			if diags.HasErrors() {
				b.Fatal(diags)
			}
			ctx := context.Background()
			for b.Loop() {
				doc, diags := repo.Evaluate(ctx, evaluator.EvalOptions{})
				if diags.HasErrors() || doc.Summary.Error > 0 || len(doc.Results) != 20 {
					b.Fatalf("diags %v, summary %+v, %d results", diags, doc.Summary, len(doc.Results))
				}
			}
		})
	}
}

// BenchmarkLoad measures configuration loading: HCL, Rego compilation, provider
// configuration.
func BenchmarkLoad(b *testing.B) {
	dir := benchRepo(b, 10)
	for b.Loop() {
		if _, diags := evaluator.Load(evaluator.Options{Dir: dir, Environ: func() []string { return nil }}); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}
