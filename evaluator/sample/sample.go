// Package sample draws reproducible samples of a Type II population: the
// sample size by a control's frequency (a practice heuristic) and a seeded
// selection that anyone can reproduce from the seed and the population.
//
// It imports the standard library only.
package sample

import (
	crand "crypto/rand"
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"strings"
)

// DefaultSizes are the sample sizes by frequency when none is given. They are
// a practice heuristic common in SOC 1 Type II testing of manual controls,
// not an AICPA rule: the auditor decides, and --size overrides them.
var DefaultSizes = map[string]int{
	"annual":     1,
	"quarterly":  2,
	"monthly":    2,
	"weekly":     5,
	"daily":      25,
	"continuous": 25,
}

// DefaultSize is the default sample size of a frequency (0 when unknown).
func DefaultSize(frequency string) int { return DefaultSizes[frequency] }

// Algorithm names the selection algorithm; it is recorded with each sample.
const Algorithm = "pcg-fisher-yates-v1"

// Select draws min(size, len(keys)) of keys, reproducibly from seed, and
// returns them sorted. The algorithm (Algorithm):
//
//  1. sort the keys (byte order; occurrence keys sort in time order);
//  2. r is math/rand/v2's PCG seeded with (seed, 0);
//  3. partial Fisher–Yates: for i = 0 … k−1, with m = n−i, draw u = r.Uint64()
//     until u ≥ 2^64 mod m (rejection, so every index is equally likely),
//     j = i + u mod m, swap positions i and j;
//  4. the selection is the first k positions, sorted.
//
// The same seed and population always give the same selection, whatever Go
// version (PCG's output for a seed is fixed, and the bounded draw is this
// package's own).
func Select(keys []string, size int, seed uint64) []string {
	pool := slices.Clone(keys)
	slices.Sort(pool)
	n := len(pool)
	k := min(max(size, 0), n)
	r := rand.NewPCG(seed, 0)
	for i := range k {
		m := uint64(n - i)
		thresh := -m % m // 2^64 mod m
		u := r.Uint64()
		for u < thresh {
			u = r.Uint64()
		}
		j := i + int(u%m)
		pool[i], pool[j] = pool[j], pool[i]
	}
	sel := pool[:k:k]
	slices.SortFunc(sel, strings.Compare)
	return sel
}

// RandomSeed draws a seed from the operating system's random source.
func RandomSeed() uint64 {
	var b [8]byte
	if _, err := crand.Read(b[:]); err != nil {
		panic(err) // crypto/rand.Read does not fail on supported systems
	}
	return binary.BigEndian.Uint64(b[:])
}
