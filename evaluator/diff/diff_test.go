package diff

import (
	"bytes"
	"flag"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/socle-dev/socle/evaluator/result"
)

var update = flag.Bool("update", false, "rewrite golden files")

func res(label string, status result.Status, pop int, findings ...result.Finding) *result.Result {
	r := &result.Result{
		Control:   result.Control{Label: label, Ref: "1." + label, Title: "Control " + label},
		Objective: result.Objective{Label: "access", Ref: "CO-1"},
		Target:    "terraform",
		Status:    status,
		Findings:  findings,
	}
	if status != result.StatusError {
		r.Population = &pop
	} else {
		msg := "input terraform could not be loaded"
		r.Error = &msg
	}
	return r
}

func fail(resource string) result.Finding {
	return result.Finding{Resource: resource, Message: "bad " + resource}
}

func waivedFinding(resource string) result.Finding {
	f := fail(resource)
	f.Waived = true
	f.Waiver = &result.Waiver{Label: "w", Reason: "accepted", ApprovedBy: "CISO", Expires: "2027-01-01"}
	return f
}

func doc(id string, rs ...*result.Result) *result.Document {
	return &result.Document{FormatVersion: "1", Run: result.Run{ID: id, AsOf: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}, Results: rs, Summary: result.Summarize(rs)}
}

func pair() (*result.Document, *result.Document) {
	base := doc("base",
		res("a", result.StatusPass, 3),
		res("b", result.StatusFail, 3, fail("x")),
		res("c", result.StatusPass, 3),
		res("e", result.StatusPass, 3),
		res("f", result.StatusFail, 3, fail("x")),
		res("g", result.StatusError, 0),
		res("h", result.StatusFail, 3, fail("x")),
		res("i", result.StatusFail, 3, fail("x")),
		res("j", result.StatusPass, 40),
		res("k", result.StatusPass, 3),
	)
	head := doc("head",
		res("a", result.StatusFail, 3, fail("x")),
		res("b", result.StatusFail, 4, fail("x"), fail("y")),
		res("c", result.StatusError, 0),
		res("d", result.StatusFail, 2, fail("z")),
		res("f", result.StatusPass, 3),
		res("g", result.StatusPass, 3),
		res("h", result.StatusPass, 3, waivedFinding("x")),
		res("i", result.StatusFail, 3, fail("x")),
		res("j", result.StatusPass, 43),
		res("k", result.StatusPass, 3),
	)
	return base, head
}

func TestCompareKinds(t *testing.T) {
	base, head := pair()
	rep := Compare(base, head)
	got := map[string][]string{}
	for _, c := range rep.Changes {
		got[c.Control.Label] = c.Kinds
	}
	want := map[string][]string{
		"a": {NewlyFailing},
		"b": {NewFindings, PopulationChanged},
		"c": {NewlyErroring},
		"d": {Added},
		"e": {Removed},
		"f": {Fixed},
		"g": {ErrorResolved},
		"h": {NewlyWaived},
		"i": {StillFailing},
		"j": {PopulationChanged},
	}
	for label, kinds := range want {
		if !slices.Equal(got[label], kinds) {
			t.Errorf("%s: %v, want %v", label, got[label], kinds)
		}
	}
	if _, ok := got["k"]; ok {
		t.Error("an unchanged control is reported")
	}
	gating := map[string]bool{}
	for _, c := range rep.Changes {
		gating[c.Control.Label] = c.Gates()
	}
	for label, g := range map[string]bool{"a": true, "b": true, "c": true, "d": true, "e": false, "f": false, "g": false, "h": false, "i": false, "j": false} {
		if gating[label] != g {
			t.Errorf("%s gates = %v, want %v", label, gating[label], g)
		}
	}
	if !rep.HasNewFailures() {
		t.Error("HasNewFailures is false")
	}
	if b := rep.Changes[1]; b.Control.Label != "b" || len(b.NewFindings) != 1 || b.NewFindings[0].Resource != "y" {
		t.Errorf("b's new findings: %+v", b.NewFindings)
	}
	// A run compared with itself gates on nothing and reports only what still fails.
	self := Compare(head, head)
	if self.HasNewFailures() {
		t.Error("a run compared with itself gates")
	}
	for _, c := range self.Changes {
		if !slices.Equal(c.Kinds, []string{StillFailing}) {
			t.Errorf("a run compared with itself: %s %v", c.Control.Label, c.Kinds)
		}
	}
	if self.Counts[StillFailing] != 4 {
		t.Errorf("still failing: %d, want 4 (a, b, d, i)", self.Counts[StillFailing])
	}
}

func TestRenderGolden(t *testing.T) {
	base, head := pair()
	rep := Compare(base, head)
	for _, f := range Formats {
		var buf bytes.Buffer
		if err := rep.Write(&buf, f); err != nil {
			t.Fatal(err)
		}
		golden := "testdata/report." + map[string]string{"text": "txt", "json": "json", "markdown": "md"}[f]
		if *update {
			os.MkdirAll("testdata", 0o755)
			if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want, buf.Bytes()) {
			t.Errorf("%s differs from %s:\n%s", f, golden, buf.String())
		}
	}
	if err := rep.Write(&bytes.Buffer{}, "yaml"); err == nil || !strings.Contains(err.Error(), "unknown format") {
		t.Errorf("unknown format: %v", err)
	}
}

func TestReadRefusesOtherDocuments(t *testing.T) {
	if _, err := Read(strings.NewReader(`{"format_version": "2"}`), "x.json"); err == nil || !strings.Contains(err.Error(), "format_version") {
		t.Errorf("got %v", err)
	}
	if _, err := Read(strings.NewReader(`not json`), "x.json"); err == nil || !strings.Contains(err.Error(), "not a socle result document") {
		t.Errorf("got %v", err)
	}
}
