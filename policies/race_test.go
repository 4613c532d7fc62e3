//go:build race

package policies_test

// raceEnabled: the race detector slows evaluation unevenly, so timing tests
// skip under it (.ci/run runs them without -race).
const raceEnabled = true
