package evaluator

import (
	"slices"
	"testing"

	"github.com/socle-dev/socle/evaluator/policy"
	"github.com/socle-dev/socle/evaluator/result"
)

// The population is the declared resources and those the findings name,
// sorted and unique, whether or not the declared ones come sorted.
func TestJudgePopulation(t *testing.T) {
	none := func(string) *result.Waiver { return nil }
	nowhere := func(string) *result.Location { return nil }
	deny := []policy.Finding{{Resource: "b", Message: "x"}, {Resource: "z", Message: "y"}, {Resource: "z", Message: "again"}, {Message: "about the target"}, {Resource: "0", Message: "first"}}
	for _, resources := range [][]string{{"a", "b", "c"}, {"c", "a", "b", "a"}, {"a", "b", "b", "c"}} {
		var res result.Result
		judge(&res, resources, deny, nil, none, nowhere)
		if want := []string{"0", "a", "b", "c", "z"}; !slices.Equal(res.Resources, want) || *res.Population != len(want) {
			t.Errorf("%v: population %v (%d), want %v", resources, res.Resources, *res.Population, want)
		}
		if res.Status != result.StatusFail || len(res.Findings) != len(deny) {
			t.Errorf("%v: status %s, %d findings", resources, res.Status, len(res.Findings))
		}
	}
}
