package evaluator_test

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"testing"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/canonical"
	"github.com/socle-dev/socle/evaluator/output"
	"github.com/socle-dev/socle/evaluator/policy"
	"github.com/socle-dev/socle/internal/corpus"
)

// benchSizes are the plan sizes the benchmarks run at. -short keeps the
// smallest (CI runs them once each, to keep them compiling and working).
func benchSizes() []int {
	if testing.Short() {
		return []int{1000}
	}
	return []int{1000, 10000}
}

// benchRepo copies testdata/bench (20 controls over a Terraform plan) into a
// temporary directory with a generated plan of n resources.
func benchRepo(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	copyTree(b, "../testdata/bench", dir)
	if err := corpus.WritePlan(filepath.Join(dir, "plan.json"), n, 1); err != nil {
		b.Fatal(err)
	}
	return dir
}

// manifestRepo copies testdata/bench-k8s (7 controls over Kubernetes
// manifests) into a temporary directory with n generated manifest files.
func manifestRepo(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	copyTree(b, "../testdata/bench-k8s", dir)
	if err := corpus.WriteManifests(filepath.Join(dir, "manifests"), n, 1); err != nil {
		b.Fatal(err)
	}
	return dir
}

func loadRepo(b *testing.B, dir string) *evaluator.Repo {
	b.Helper()
	repo, diags := evaluator.Load(evaluator.Options{Dir: dir, Environ: func() []string { return nil }})
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	return repo
}

// BenchmarkEvaluatePlan measures eval after configuration loading: reading and
// normalizing the plan, converting it once, and evaluating the 20 controls.
func BenchmarkEvaluatePlan(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
			repo := loadRepo(b, benchRepo(b, n))
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

// BenchmarkEvaluateManifests is BenchmarkEvaluatePlan for the 7 controls over
// a directory of Kubernetes manifest files.
func BenchmarkEvaluateManifests(b *testing.B) {
	sizes := []int{100, 1000}
	if testing.Short() {
		sizes = sizes[:1]
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			repo := loadRepo(b, manifestRepo(b, n))
			ctx := context.Background()
			for b.Loop() {
				doc, diags := repo.Evaluate(ctx, evaluator.EvalOptions{})
				if diags.HasErrors() || doc.Summary.Error > 0 || len(doc.Results) != 7 {
					b.Fatalf("diags %v, summary %+v, %d results", diags, doc.Summary, len(doc.Results))
				}
			}
		})
	}
}

// BenchmarkStages measures each stage of eval on its own, on the plan: load
// (the snapshot read and normalized by the terraform provider), convert (to a
// Rego value), hash (the canonical input hash), evaluate (the 20 prepared
// queries on the converted input, one after the other) and output (the JSON
// and SARIF formats of the result).
func BenchmarkStages(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes() {
		repo := loadRepo(b, benchRepo(b, n))
		inst := repo.Providers[addrs.Provider{Type: "terraform"}].Instance
		doc, err := inst.Load(ctx)
		if err != nil {
			b.Fatal(err)
		}
		name := func(stage string) string { return fmt.Sprintf("%s/resources=%d", stage, n) }

		b.Run(name("load"), func(b *testing.B) {
			for b.Loop() {
				if _, err := inst.Load(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name("redact"), func(b *testing.B) {
			r := repo.Redactor()
			for b.Loop() {
				r.Value(doc.Value) // in place: after the first pass, the walk alone
			}
		})
		b.Run(name("convert"), func(b *testing.B) {
			for b.Loop() {
				if _, err := policy.Convert(doc.Value); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name("hash"), func(b *testing.B) {
			for b.Loop() {
				if _, err := canonical.SHA256(doc.Value); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name("evaluate"), func(b *testing.B) {
			v, err := policy.Convert(doc.Value)
			if err != nil {
				b.Fatal(err)
			}
			input := policy.NewInput(map[string]policy.Value{"terraform": v})
			var queries []*policy.Query
			for _, c := range repo.Controls {
				q, err := repo.Policies.Prepare(ctx, c.Policy)
				if err != nil {
					b.Fatal(err)
				}
				queries = append(queries, q)
			}
			for b.Loop() {
				for _, q := range queries {
					if _, err := q.Eval(ctx, input, 0); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
		b.Run(name("output"), func(b *testing.B) {
			res, diags := repo.Evaluate(ctx, evaluator.EvalOptions{})
			if diags.HasErrors() {
				b.Fatal(diags)
			}
			formats := []output.Formatter{}
			for _, f := range []string{"json", "sarif"} {
				fm, err := output.Lookup(f, output.Options{})
				if err != nil {
					b.Fatal(err)
				}
				formats = append(formats, fm)
			}
			for b.Loop() {
				for _, f := range formats {
					if err := f.Format(io.Discard, res); err != nil {
						b.Fatal(err)
					}
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
		loadRepo(b, dir)
	}
}
