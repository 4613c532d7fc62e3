package addrs

import (
	"fmt"

	"github.com/agext/levenshtein"
)

// Closest returns the candidate closest to given, if one is close enough to be
// a plausible typo (an edit distance under 3, or under a third of its length for
// longer names).
func Closest(given string, candidates []string) (string, bool) {
	limit := max(3, len(given)/3)
	best, bestDist := "", limit
	for _, c := range candidates {
		d := levenshtein.Distance(given, c, nil)
		if d < bestDist || (d == bestDist && best != "" && c < best) {
			best, bestDist = c, d
		}
	}
	return best, best != ""
}

// Suggest returns ` Did you mean "x"?` for the closest candidate, or "".
func Suggest(given string, candidates []string) string {
	if c, ok := Closest(given, candidates); ok {
		return fmt.Sprintf(" Did you mean %q?", c)
	}
	return ""
}
