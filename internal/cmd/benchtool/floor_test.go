package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/internal/corpus"
)

// TestFloorAgreesWithSocle checks that the floor runs the same checks as the
// benchmark policies: on a generated plan, each check's population, denials
// and warnings are socle's, finding for finding.
func TestFloorAgreesWithSocle(t *testing.T) {
	dir := t.TempDir()
	src := "../../../testdata/bench"
	for _, name := range []string{"socle.hcl", "providers.hcl", "objectives.hcl", "controls.hcl"} {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	if err := os.CopyFS(filepath.Join(dir, "policies"), os.DirFS(filepath.Join(src, "policies"))); err != nil {
		t.Fatal(err)
	}
	plan := corpus.TerraformPlan(2000, 5)
	if err := os.WriteFile(filepath.Join(dir, "plan.json"), plan, 0o644); err != nil {
		t.Fatal(err)
	}
	floorResults, err := runFloor(bytes.NewReader(plan))
	if err != nil {
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
	if len(doc.Results) != 20 || len(floorResults) != 20 {
		t.Fatalf("%d socle results, %d floor checks; want 20 each", len(doc.Results), len(floorResults))
	}
	for _, r := range doc.Results {
		f := floorResults[r.Control.Label]
		if f == nil {
			t.Errorf("no floor check for %s", r.Control.Label)
			continue
		}
		var want, got []string
		for _, x := range r.Findings {
			want = append(want, fmt.Sprintf("deny %s %s", x.Resource, x.Message))
		}
		for _, x := range r.Warnings {
			want = append(want, fmt.Sprintf("warn %s %s", x.Resource, x.Message))
		}
		for x := range f.Deny {
			got = append(got, fmt.Sprintf("deny %s %s", x.Resource, x.Msg))
		}
		for x := range f.Warn {
			got = append(got, fmt.Sprintf("warn %s %s", x.Resource, x.Msg))
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: the floor finds %d, socle %d:\nfloor %v\nsocle %v", r.Control.Label, len(got), len(want), head(got), head(want))
		}
		if r.Population == nil || *r.Population != len(f.Population) {
			t.Errorf("%s: the floor examines %d resources, socle %v", r.Control.Label, len(f.Population), r.Population)
		}
		if len(want) == 0 {
			t.Errorf("%s: nothing found: the corpus does not exercise the check", r.Control.Label)
		}
	}
}

func head(s []string) []string {
	if len(s) > 3 {
		return s[:3]
	}
	return s
}
