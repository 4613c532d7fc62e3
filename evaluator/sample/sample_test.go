package sample

import (
	"fmt"
	"slices"
	"testing"
)

func days(n int) []string {
	var out []string
	for i := range n {
		out = append(out, fmt.Sprintf("2026-01-%02d", i+1))
	}
	return out
}

func TestSelectIsReproducible(t *testing.T) {
	keys := days(31)
	a := Select(keys, 5, 42)
	b := Select(keys, 5, 42)
	if !slices.Equal(a, b) || len(a) != 5 {
		t.Fatalf("same seed, different selections: %v, %v", a, b)
	}
	// The population's order does not matter: it is sorted first.
	rev := slices.Clone(keys)
	slices.Reverse(rev)
	if c := Select(rev, 5, 42); !slices.Equal(a, c) {
		t.Errorf("shuffled population: %v, want %v", c, a)
	}
	if !slices.IsSorted(a) || len(slices.Compact(slices.Clone(a))) != 5 {
		t.Errorf("selection not sorted or not distinct: %v", a)
	}
	// The algorithm is pinned: a change of it (or of PCG) changes recorded
	// selections, so it must show here.
	if want := pinned; !slices.Equal(a, want) {
		t.Errorf("seed 42, 5 of 31 days: %q, want %q", a, want)
	}
	if d := Select(keys, 5, 43); slices.Equal(a, d) {
		t.Errorf("seeds 42 and 43 select the same: %v", a)
	}
	distinct := map[string]bool{}
	for seed := range uint64(20) {
		distinct[fmt.Sprint(Select(keys, 5, seed))] = true
	}
	if len(distinct) < 19 {
		t.Errorf("20 seeds gave only %d distinct selections", len(distinct))
	}
}

func TestSelectEveryKeyCanBeDrawn(t *testing.T) {
	keys := days(10)
	seen := map[string]int{}
	for seed := range uint64(2000) {
		for _, k := range Select(keys, 1, seed) {
			seen[k]++
		}
	}
	for _, k := range keys {
		// 200 expected each; far from it means a biased draw.
		if seen[k] < 130 || seen[k] > 270 {
			t.Errorf("%s drawn %d times in 2000", k, seen[k])
		}
	}
}

func TestSelectSizeNotLessThanPopulation(t *testing.T) {
	keys := []string{"2026-W03", "2026-W01", "2026-W02"}
	for _, size := range []int{3, 5, 25} {
		if got := Select(keys, size, 7); !slices.Equal(got, []string{"2026-W01", "2026-W02", "2026-W03"}) {
			t.Errorf("size %d: %v", size, got)
		}
	}
	if got := Select(nil, 5, 7); len(got) != 0 {
		t.Errorf("empty population: %v", got)
	}
	if got := Select(keys, 0, 7); len(got) != 0 {
		t.Errorf("size 0: %v", got)
	}
	if !slices.Equal(keys, []string{"2026-W03", "2026-W01", "2026-W02"}) {
		t.Errorf("Select changed its argument: %v", keys)
	}
}

func TestDefaultSizes(t *testing.T) {
	for freq, want := range map[string]int{"annual": 1, "quarterly": 2, "monthly": 2, "weekly": 5, "daily": 25, "continuous": 25, "hourly": 0} {
		if got := DefaultSize(freq); got != want {
			t.Errorf("%s: %d, want %d", freq, got, want)
		}
	}
}

func TestRandomSeed(t *testing.T) {
	if RandomSeed() == RandomSeed() {
		t.Error("two random seeds are equal")
	}
}

// pinned is Select(days(31), 5, 42).
var pinned = []string{"2026-01-08", "2026-01-10", "2026-01-13", "2026-01-18", "2026-01-24"}
