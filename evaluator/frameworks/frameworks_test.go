package frameworks

import (
	"fmt"
	"strings"
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

func TestScope(t *testing.T) {
	soc2, _ := Lookup("soc2")
	iso, _ := Lookup("iso27001")
	for _, c := range []struct {
		f        *Framework
		prefixes []string
		n        int
		first    string
		last     string
	}{
		{soc2, nil, 61, "CC1.1", "P8.1"},
		{soc2, []string{"CC"}, 33, "CC1.1", "CC9.2"},
		{soc2, []string{"CC", "A1"}, 36, "CC1.1", "A1.3"},
		{soc2, []string{"P"}, 18, "P1.1", "P8.1"}, // not PI1.x
		{soc2, []string{"PI1"}, 5, "PI1.1", "PI1.5"},
		{soc2, []string{"CC6"}, 8, "CC6.1", "CC6.8"},
		{iso, []string{"A.8"}, 34, "A.8.1", "A.8.34"},
		{iso, []string{"A.5.1"}, 1, "A.5.1", "A.5.1"}, // not A.5.10–A.5.19
	} {
		s, err := c.f.Scope(c.prefixes)
		if err != nil {
			t.Errorf("%s %v: %v", c.f.Name, c.prefixes, err)
			continue
		}
		if len(s.Criteria) != c.n || s.Criteria[0].ID != c.first || s.Criteria[len(s.Criteria)-1].ID != c.last {
			t.Errorf("%s %v: %d criteria %s…%s, want %d %s…%s", c.f.Name, c.prefixes, len(s.Criteria), s.Criteria[0].ID, s.Criteria[len(s.Criteria)-1].ID, c.n, c.first, c.last)
		}
		for _, cr := range s.Criteria {
			if got, ok := s.Criterion(cr.ID); !ok || got != cr {
				t.Errorf("%s %v: the scoped index lacks %s", c.f.Name, c.prefixes, cr.ID)
			}
		}
	}
	if len(soc2.Criteria) != 61 {
		t.Error("Scope changed the framework it was called on")
	}
	for _, bad := range [][]string{{"C9"}, {"A.9"}, {"CC", "X"}} {
		f := soc2
		if bad[0] == "A.9" {
			f = iso
		}
		if _, err := f.Scope(bad); err == nil || !strings.Contains(err.Error(), "names no criterion") {
			t.Errorf("%v: %v", bad, err)
		}
	}
}
