package evaluator_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/cache"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/socle-dev/socle/internal/corpus"
)

var cacheClock = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

// cachedRun loads dir and evaluates it with the cache c; it returns the
// results as JSON (without durations) and the cache's counts during the run.
func cachedRun(t *testing.T, dir string, c *cache.Cache, opts evaluator.EvalOptions) (string, cache.Stats) {
	t.Helper()
	repo, diags := evaluator.Load(evaluator.Options{Dir: dir, Environ: func() []string { return nil }})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	before := c.Stats()
	opts.Cache = c
	opts.Now = func() time.Time { return cacheClock }
	opts.RunID = "run"
	if opts.AsOf.IsZero() {
		opts.AsOf = cacheClock
	}
	doc, diags := repo.Evaluate(context.Background(), opts)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, r := range doc.Results {
		r.DurationMS = 0
	}
	b, err := json.Marshal(doc.Results)
	if err != nil {
		t.Fatal(err)
	}
	after := c.Stats()
	return string(b), cache.Stats{Hits: after.Hits - before.Hits, Misses: after.Misses - before.Misses, Writes: after.Writes - before.Writes}
}

func planRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyTree(t, "../testdata/bench", dir)
	if err := corpus.WritePlan(filepath.Join(dir, "plan.json"), 300, 1); err != nil {
		t.Fatal(err)
	}
	return dir
}

// The cache gives the results evaluation gives, and misses exactly where an
// input, a policy, the as-of day, or socle's version changed; waivers and
// control attributes reach the results without a miss.
func TestCacheInvalidation(t *testing.T) {
	dir := planRepo(t)
	c := cache.Open(filepath.Join(dir, ".socle", "cache"))
	want, _ := cachedRun(t, dir, nil, evaluator.EvalOptions{})

	got, st := cachedRun(t, dir, c, evaluator.EvalOptions{})
	if got != want {
		t.Fatal("a cold cached run differs from an uncached one")
	}
	if st.Hits != 0 || st.Writes != 21 { // 20 decisions and the plan
		t.Fatalf("cold run: %+v, want 0 hits and 21 writes", st)
	}
	got, st = cachedRun(t, dir, c, evaluator.EvalOptions{})
	// The plan was written moments ago: its stat vouches for nothing yet,
	// so it is hashed again and its entry rewritten with a fresh stat.
	if got != want || st.Hits != 21 || st.Misses != 0 || st.Writes > 1 {
		t.Fatalf("warm run: same results %v, %+v, want 21 hits and at most the plan's entry rewritten", got == want, st)
	}

	// A changed policy: its control misses, the others hit.
	edit(t, filepath.Join(dir, "policies", "ec2_imdsv2.rego"), func(s string) string { return s + "\n# changed\n" })
	if _, st = cachedRun(t, dir, c, evaluator.EvalOptions{}); st.Misses != 1 || st.Hits != 20 {
		t.Errorf("after a policy change: %+v, want 1 miss (its decision) and 20 hits", st)
	}
	// A changed helper module: every package that imports it misses.
	edit(t, filepath.Join(dir, "policies", "lib", "terraform.rego"), func(s string) string { return s + "\n# changed\n" })
	if _, st = cachedRun(t, dir, c, evaluator.EvalOptions{}); st.Misses < 5 {
		t.Errorf("after a library change: %+v, want the packages importing it to miss", st)
	}

	// A changed input: the plan is loaded again and every decision misses.
	if err := corpus.WritePlan(filepath.Join(dir, "plan.json"), 300, 2); err != nil {
		t.Fatal(err)
	}
	want, _ = cachedRun(t, dir, nil, evaluator.EvalOptions{})
	got, st = cachedRun(t, dir, c, evaluator.EvalOptions{})
	// (The plan's entry is found, and refused: the plan's fingerprint changed.)
	if got != want || st.Misses != 20 || st.Writes != 21 {
		t.Errorf("after an input change: same results %v, %+v, want 20 misses and 21 writes", got == want, st)
	}

	// Another as-of day misses; another time the same day hits.
	if _, st = cachedRun(t, dir, c, evaluator.EvalOptions{AsOf: cacheClock.Add(2 * time.Hour)}); st.Misses != 0 {
		t.Errorf("same day: %+v, want no miss", st)
	}
	if _, st = cachedRun(t, dir, c, evaluator.EvalOptions{AsOf: cacheClock.Add(24 * time.Hour)}); st.Hits != 1 || st.Misses != 20 {
		t.Errorf("next day: %+v, want the plan's entry to hit and the 20 decisions to miss", st)
	}

	// Another socle version misses everything.
	old := evaluator.Version
	evaluator.Version = "0.0.0-test"
	_, st = cachedRun(t, dir, c, evaluator.EvalOptions{})
	evaluator.Version = old
	if st.Hits != 0 {
		t.Errorf("another socle version: %+v, want no hit", st)
	}

	// A waiver and a control's severity reach the results with every decision
	// from the cache.
	edit(t, filepath.Join(dir, "controls.hcl"), func(s string) string {
		return s + `
waiver "imds" {
  control     = control.ec2_imdsv2
  reason      = "legacy fleet"
  approved_by = "ciso@example.com"
  ticket      = "SEC-1"
  expires     = "2027-01-01"
}
`
	})
	want, _ = cachedRun(t, dir, nil, evaluator.EvalOptions{})
	got, st = cachedRun(t, dir, c, evaluator.EvalOptions{})
	if got != want || st.Misses != 0 {
		t.Errorf("with a new waiver: same results %v, %+v, want every lookup to hit", got == want, st)
	}
	var results []result.Result
	if err := json.Unmarshal([]byte(got), &results); err != nil {
		t.Fatal(err)
	}
	waived := 0
	for _, r := range results {
		for _, f := range r.Findings {
			if f.Waiver != nil {
				waived++
			}
		}
	}
	if waived == 0 {
		t.Error("the waiver applied to no finding of a cached decision")
	}

	// KeepInputs (--record) neither reads nor writes the cache.
	if _, st = cachedRun(t, dir, c, evaluator.EvalOptions{KeepInputs: true}); st != (cache.Stats{}) {
		t.Errorf("with KeepInputs: %+v, want the cache untouched", st)
	}
}

// A file added to a snapshot directory changes the document: the cache must
// see it though no file it read before changed.
func TestCacheSeesNewFiles(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, "../testdata/bench-k8s", dir)
	if err := corpus.WriteManifests(filepath.Join(dir, "manifests"), 50, 1); err != nil {
		t.Fatal(err)
	}
	c := cache.Open(filepath.Join(dir, ".socle", "cache"))
	cachedRun(t, dir, c, evaluator.EvalOptions{})
	if _, st := cachedRun(t, dir, c, evaluator.EvalOptions{}); st.Misses != 0 {
		t.Fatalf("warm run: %+v", st)
	}
	extra := "apiVersion: v1\nkind: Service\nmetadata:\n  name: extra\n  namespace: payments\nspec:\n  type: NodePort\n"
	if err := os.WriteFile(filepath.Join(dir, "manifests", "payments", "zz-extra.yaml"), []byte(extra), 0o644); err != nil {
		t.Fatal(err)
	}
	want, _ := cachedRun(t, dir, nil, evaluator.EvalOptions{})
	got, st := cachedRun(t, dir, c, evaluator.EvalOptions{})
	if got != want || st.Misses != 7 || st.Writes != 8 {
		t.Errorf("after a new manifest: same results %v, %+v, want the 7 decisions to miss", got == want, st)
	}
}

// Concurrent runs share one cache directory: every run gets the uncached
// results, and entries are whole (go test -race checks the rest).
func TestCacheConcurrent(t *testing.T) {
	dir := planRepo(t)
	c := cache.Open(filepath.Join(dir, ".socle", "cache"))
	want, _ := cachedRun(t, dir, nil, evaluator.EvalOptions{})
	var wg sync.WaitGroup
	got := make([]string, 6)
	for i := range got {
		wg.Go(func() {
			// A cache of its own per run, as separate processes have.
			got[i], _ = cachedRun(t, dir, cache.Open(c.Dir()), evaluator.EvalOptions{})
		})
	}
	wg.Wait()
	for i, g := range got {
		if g != want {
			t.Errorf("run %d differs from the uncached results", i)
		}
	}
	// A damaged entry is a miss, not an error.
	entries, _ := filepath.Glob(filepath.Join(c.Dir(), "*", "*.json"))
	if len(entries) == 0 {
		t.Fatal("no entry written")
	}
	for _, e := range entries {
		if err := os.WriteFile(e, []byte("{not json"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if g, st := cachedRun(t, dir, c, evaluator.EvalOptions{}); g != want || st.Hits != 0 {
		t.Errorf("damaged entries: same results %v, %+v", g == want, st)
	}
}

func edit(t *testing.T, path string, f func(string) string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(f(string(b))), 0o644); err != nil {
		t.Fatal(err)
	}
}
