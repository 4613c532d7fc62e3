package evaluator

import (
	"strings"
	"testing"

	"github.com/socle-dev/socle/evaluator/evidence"
	"github.com/socle-dev/socle/evaluator/result"
)

// TestRecordWaivers: a record's waivers cover the resources they covered
// when it was made; one that covered a finding about the target as a whole
// covers everything, the first by label.
func TestRecordWaivers(t *testing.T) {
	w := func(label string) result.Waiver {
		return result.Waiver{Label: label, Reason: "r", ApprovedBy: "a", Expires: "2027-01-01"}
	}
	rec := &evidence.Record{
		Waivers: []result.Waiver{w("per_resource"), w("z_global"), w("b_global")},
		Verdicts: []evidence.Verdict{
			{Resource: "alice", Verdict: evidence.VerdictWaived, Waiver: "per_resource"},
			{Resource: "bob", Verdict: evidence.VerdictFail},
		},
		TargetWide: []result.Finding{
			{Message: "m", Waived: true, Waiver: &result.Waiver{Label: "z_global"}},
			{Message: "n", Waived: true, Waiver: &result.Waiver{Label: "b_global"}},
		},
	}
	lookup := recordWaivers(rec)
	for resource, want := range map[string]string{"alice": "per_resource", "bob": "b_global", "": "b_global", "carol": "b_global"} {
		if got := lookup(resource); got == nil || got.Label != want || got.ApprovedBy != "a" {
			t.Errorf("%q: got %+v, want %s", resource, got, want)
		}
	}
	rec.TargetWide = nil
	lookup = recordWaivers(rec)
	if got := lookup("bob"); got != nil {
		t.Errorf("bob: got %+v, want no waiver", got)
	}
	if got := lookup(""); got != nil {
		t.Errorf("target-wide: got %+v, want no waiver", got)
	}
}

// TestDifferences: the fields that differ, status first, verdicts by resource.
func TestDifferences(t *testing.T) {
	stored := `{"population":2,"status":"pass","verdicts":[{"resource":"a","verdict":"pass"},{"resource":"b","verdict":"pass"}],"warnings":[]}`
	again := `{"population":3,"status":"fail","verdicts":[{"resource":"a","verdict":"pass"},{"resource":"b","verdict":"fail"},{"resource":"c","verdict":"pass"}],"warnings":[]}`
	var got []string
	for _, d := range differences([]byte(stored), []byte(again)) {
		got = append(got, d.String())
	}
	want := []string{
		`status: stored "pass", reperformed "fail"`,
		`population: stored 2, reperformed 3`,
		`verdicts of b: stored {"resource":"b","verdict":"pass"}, reperformed {"resource":"b","verdict":"fail"}`,
		`verdicts of c: stored (absent), reperformed {"resource":"c","verdict":"pass"}`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("differences:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
