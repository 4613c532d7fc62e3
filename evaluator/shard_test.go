package evaluator_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/result"
)

// TestEvaluateShards: the example repository evaluated in N shards gives, per
// shard, only the pairs the shard holds, with the shard and run group
// recorded and only the inputs those pairs read kept; merged, exactly the
// whole run's results. A shard reports no unused waiver (it cannot know).
func TestEvaluateShards(t *testing.T) {
	const dir = "../examples/payroll"
	whole, _ := evaluate(t, dir, evaluator.EvalOptions{KeepInputs: true})
	wantJSON, _ := json.Marshal(whole.Results)
	for _, n := range []int{1, 2, 3, 5, 12} {
		var parts []result.Part
		for i := range n {
			sh := &result.Shard{Index: i, Count: n}
			doc, diags := evaluate(t, dir, evaluator.EvalOptions{KeepInputs: true, PlanOptions: evaluator.PlanOptions{Shard: sh}, RunGroup: "g", RunID: fmt.Sprintf("run-%d", i)})
			if doc.Run.Shard != sh || doc.Run.RunGroup != "g" {
				t.Fatalf("N=%d shard %d: run %+v", n, i, doc.Run)
			}
			read := map[string]bool{}
			for _, r := range doc.Results {
				if !sh.Holds(r.Control.Label, r.Target) {
					t.Errorf("N=%d shard %d holds %s on %s", n, i, r.Control.Label, r.Target)
				}
				for _, sum := range r.InputSHA256 {
					read[sum] = true
				}
			}
			if kept := slices.Sorted(maps.Keys(doc.Used.Inputs)); !slices.Equal(kept, slices.Sorted(maps.Keys(read))) {
				t.Errorf("N=%d shard %d kept inputs %v, its results read %v", n, i, kept, slices.Sorted(maps.Keys(read)))
			}
			for _, d := range diags {
				if n > 1 && strings.Contains(d, "Waiver matched nothing") {
					t.Errorf("N=%d shard %d: %s", n, i, d)
				}
			}
			parts = append(parts, result.Part{Name: fmt.Sprintf("shard-%d", i), Doc: doc})
		}
		merged, err := result.Merge(parts)
		if err != nil {
			t.Fatalf("N=%d: %v", n, err)
		}
		if got, _ := json.Marshal(merged.Results); string(got) != string(wantJSON) || merged.Summary != whole.Summary {
			t.Errorf("N=%d: the merged shards differ from the whole run", n)
		}
	}
}
