package frameworks

import (
	"fmt"
	"testing"
)

// TestCounts: the lists hold the ranges the standards define, each
// identifier once, each with a title.
func TestCounts(t *testing.T) {
	want := map[string][]string{
		"soc2": expand(
			[]string{"CC1.", "5"}, []string{"CC2.", "3"}, []string{"CC3.", "4"}, []string{"CC4.", "2"}, []string{"CC5.", "3"},
			[]string{"CC6.", "8"}, []string{"CC7.", "5"}, []string{"CC8.", "1"}, []string{"CC9.", "2"},
			[]string{"A1.", "3"}, []string{"C1.", "2"}, []string{"PI1.", "5"},
			[]string{"P1.", "1"}, []string{"P2.", "1"}, []string{"P3.", "2"}, []string{"P4.", "3"}, []string{"P5.", "2"},
			[]string{"P6.", "7"}, []string{"P7.", "1"}, []string{"P8.", "1"}),
		"iso27001": expand([]string{"A.5.", "37"}, []string{"A.6.", "8"}, []string{"A.7.", "14"}, []string{"A.8.", "34"}),
	}
	for name, ids := range want {
		f, ok := Lookup(name)
		if !ok {
			t.Fatalf("no framework %s", name)
		}
		if fmt.Sprint(f.IDs()) != fmt.Sprint(ids) {
			t.Errorf("%s: %v\nwant %v", name, f.IDs(), ids)
		}
		for _, c := range f.Criteria {
			if c.Title == "" {
				t.Errorf("%s %s has no title", name, c.ID)
			}
		}
	}
	if len(want["iso27001"]) != 93 || len(want["soc2"]) != 61 {
		t.Errorf("%d ISO controls, %d SOC 2 criteria", len(want["iso27001"]), len(want["soc2"]))
	}
	if fmt.Sprint(Names()) != "[iso27001 soc2]" {
		t.Errorf("names %v", Names())
	}
}

func expand(ranges ...[]string) []string {
	var out []string
	for _, r := range ranges {
		var n int
		fmt.Sscan(r[1], &n)
		for i := 1; i <= n; i++ {
			out = append(out, fmt.Sprintf("%s%d", r[0], i))
		}
	}
	return out
}

func TestNormalizeAndCompare(t *testing.T) {
	iso, _ := Lookup("iso27001")
	for in, want := range map[string]string{"5.15": "A.5.15", "a.8.5": "A.8.5", "A8.5": "A.8.5", "A.8.5": "A.8.5"} {
		if got, ok := iso.Normalize(in); !ok || got != want {
			t.Errorf("Normalize(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
	if _, ok := iso.Normalize("9.1"); ok {
		t.Error("9.1 is not an Annex A control")
	}
	soc2, _ := Lookup("soc2")
	if soc2.Compare("CC6.10", "CC6.2") <= 0 || soc2.Compare("CC6.2", "CC10.1") >= 0 {
		t.Error("unknown identifiers sort after known ones")
	}
	if soc2.Compare("CC6.2", "CC6.10") >= 0 || soc2.Compare("CC9.2", "A1.1") >= 0 {
		t.Error("criteria sort in the standard's order")
	}
	if c, ok := soc2.Criterion("cc6.1"); ok {
		t.Errorf("identifiers are case-sensitive: %v", c)
	}
}
