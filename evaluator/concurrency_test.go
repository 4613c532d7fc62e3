package evaluator_test

import (
	"context"
	"encoding/json"
	"sync"
	"testing"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/cache"
	"github.com/socle-dev/socle/evaluator/result"
)

// TestEvaluateConcurrently runs the example repository's evaluation from
// several goroutines at once on one loaded Repo, each with a worker pool of
// 8 and all sharing one result cache (first filling it, then hitting it),
// under the race detector: every document is the one a single worker
// produces.
func TestEvaluateConcurrently(t *testing.T) {
	repo := loadValid(t, "../examples/payroll", evaluator.Options{AsOf: fixedNow})
	opts := func(workers int, c *cache.Cache, keep bool) evaluator.EvalOptions {
		return evaluator.EvalOptions{AsOf: fixedNow, Now: fixedClock, RunID: "00000000-0000-0000-0000-000000000000", Workers: workers, Cache: c, KeepInputs: keep}
	}
	marshal := func(doc *result.Document) string {
		b, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	base, diags := repo.Evaluate(context.Background(), opts(1, nil, false))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if len(base.Results) < 10 {
		t.Fatalf("only %d results: the example should exercise the pool", len(base.Results))
	}
	want := marshal(base)

	c := cache.Open(t.TempDir())
	const goroutines, rounds = 4, 2
	var wg sync.WaitGroup
	got := make([][]string, goroutines)
	for g := range goroutines {
		wg.Go(func() {
			for range rounds {
				doc, _ := repo.Evaluate(context.Background(), opts(8, c, g == 0))
				doc.Used = nil // only the KeepInputs run carries them
				got[g] = append(got[g], marshal(doc))
			}
		})
	}
	wg.Wait()
	for g := range goroutines {
		for r, doc := range got[g] {
			if doc != want {
				t.Errorf("goroutine %d, round %d: the document differs from the single worker's", g, r)
			}
		}
	}
	if s := c.Stats(); s.Writes == 0 || s.Hits == 0 {
		t.Errorf("the cache was not exercised: %+v", s)
	}
}
