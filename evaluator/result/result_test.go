package result

import (
	"slices"
	"testing"
)

func TestCompareRef(t *testing.T) {
	refs := []string{"CO-10", "4.10", "CO-2", "4.2", "4.2.1", "", "A", "4.02"}
	slices.SortFunc(refs, CompareRef)
	want := []string{"", "4.2", "4.02", "4.2.1", "4.10", "A", "CO-2", "CO-10"}
	if !slices.Equal(refs, want) {
		t.Errorf("sorted %q, want %q", refs, want)
	}
}

func TestExitCode(t *testing.T) {
	fail := func(sev string) *Result { return &Result{Status: StatusFail, Control: Control{Severity: sev}} }
	tests := []struct {
		results []*Result
		failOn  string
		want    int
	}{
		{[]*Result{{Status: StatusPass}, {Status: StatusNotTested}}, "low", 0},
		{[]*Result{fail("low")}, "low", 1},
		{[]*Result{fail("medium")}, "high", 0},
		{[]*Result{fail("critical")}, "high", 1},
		{[]*Result{fail("")}, "medium", 1}, // no severity counts as medium
		{[]*Result{fail("critical")}, "none", 0},
		{[]*Result{fail("critical"), {Status: StatusError}}, "low", 3},
		{[]*Result{{Status: StatusError}}, "none", 3},
	}
	for _, tt := range tests {
		th, err := ParseThreshold(tt.failOn)
		if err != nil {
			t.Fatal(err)
		}
		d := &Document{Results: tt.results, Summary: Summarize(tt.results)}
		if got := d.ExitCode(th); got != tt.want {
			t.Errorf("%s over %v: exit %d, want %d", tt.failOn, d.Summary, got, tt.want)
		}
	}
	if _, err := ParseThreshold("severe"); err == nil {
		t.Error("ParseThreshold accepted an unknown severity")
	}
}
