package addrs

import (
	"fmt"
	"strings"

	"github.com/agext/levenshtein"
)

// Closest returns the candidate closest to given, if one is close enough to be
// a plausible typo (an edit distance under 3, or under a third of its length for
// longer names); failing that, the shortest candidate that given (three
// characters or more) begins, since a name is often typed half.
func Closest(given string, candidates []string) (string, bool) {
	limit := max(3, len(given)/3)
	best, bestDist := "", limit
	for _, c := range candidates {
		d := levenshtein.Distance(given, c, nil)
		if d < bestDist || (d == bestDist && best != "" && c < best) {
			best, bestDist = c, d
		}
	}
	if best == "" && len(given) >= 3 {
		for _, c := range candidates {
			if strings.HasPrefix(c, given) && (best == "" || len(c) < len(best) || (len(c) == len(best) && c < best)) {
				best = c
			}
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
