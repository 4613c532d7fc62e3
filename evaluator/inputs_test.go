package evaluator_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/bundle"
	"github.com/socle-dev/socle/evaluator/result"
)

func errorsByTarget(doc *result.Document) map[string]string {
	out := map[string]string{}
	for _, r := range doc.Results {
		out[r.Target] = string(r.Status)
		if r.Error != nil {
			out[r.Target] += ": " + *r.Error
		}
	}
	return out
}

func TestMaxAgeAndExpect(t *testing.T) {
	dir := "testdata/valid/inputs"
	doc, _ := evaluate(t, dir, evaluator.EvalOptions{})
	got := errorsByTarget(doc)
	want := map[string]string{
		"file.fresh":         "error: input file.fresh has max_age 26h0m0s but does not record when it was collected",
		"file.counted":       "error: incomplete input: file.counted holds 3 items; its expect block requires at least 5",
		"file.identified":    "pass",
		"file.misidentified": `error: incomplete input: file.misidentified reports snapshot = "snapshots/users.json"; its expect block requires "snapshots/other.json"`,
	}
	for target, w := range want {
		if !strings.HasPrefix(got[target], w) {
			t.Errorf("%s: %q, want %q", target, got[target], w)
		}
	}

	// From a bundle, the collection time is known: fresh within max_age, stale past it.
	repo := loadValid(t, dir, evaluator.Options{AsOf: fixedNow})
	for _, tc := range []struct {
		age  time.Duration
		want string
	}{
		{time.Hour, "pass"},
		{30 * time.Hour, "error: stale input: file.fresh was collected at 2026-11-24T03:30:00Z, 30h0m0s before 2026-11-25T09:30:00Z, older than its max_age of 26h0m0s"},
	} {
		docs, diags := repo.Collect(context.Background(), evaluator.CollectOptions{
			Providers: []string{"file.fresh"},
			Now:       func() time.Time { return fixedNow.Add(-tc.age) },
		})
		if diags.HasErrors() || len(docs) != 1 {
			t.Fatalf("collect: %v", diags)
		}
		path := filepath.Join(t.TempDir(), "b")
		if err := bundle.Write(path, bundle.Manifest{CreatedAt: fixedNow}, docs); err != nil {
			t.Fatal(err)
		}
		b, err := bundle.Read(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := repo.Evaluate(context.Background(), evaluator.EvalOptions{AsOf: fixedNow, Now: fixedClock, Bundle: b})
		got := errorsByTarget(doc)
		if got["file.fresh"] != tc.want {
			t.Errorf("collected %s before: %q, want %q", tc.age, got["file.fresh"], tc.want)
		}
		if !strings.Contains(got["file.counted"], "is not in the snapshot bundle") {
			t.Errorf("an input missing from the bundle: %q", got["file.counted"])
		}
	}
}

func TestFindingLocations(t *testing.T) {
	doc, diags := evaluate(t, "testdata/valid/locations", evaluator.EvalOptions{})
	if len(diags) > 0 {
		t.Errorf("diagnostics: %v", diags)
	}
	r := doc.Results[0]
	if len(r.Findings) != 1 {
		t.Fatalf("findings: %+v", r.Findings)
	}
	if loc := r.Findings[0].Location; loc == nil || loc.File != "infra/database.tf" || loc.Line != 21 {
		t.Errorf("location of %s: %+v, want infra/database.tf:21", r.Findings[0].Resource, loc)
	}
}
