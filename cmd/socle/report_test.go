package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestReportPeriod: runs recorded on four of five days, the control failing
// on each, give exactly the numbers and the conclusion of the period.
func TestReportPeriod(t *testing.T) {
	dir := policyRepo(t, "")
	for _, d := range []string{"2026-02-28", "2026-03-01", "2026-03-02", "2026-03-04", "2026-03-05", "2026-03-06"} {
		if r := socleEnv(t, dir, nil, "eval", ".", "--record", "--as-of", d); r.code != 1 {
			t.Fatalf("eval --record --as-of %s: exit %d\n%s", d, r.code, r.stderr)
		}
	}
	r := socleEnv(t, dir, nil, "report", ".", "--period", "2026-03-01..2026-03-05", "--format", "json")
	if r.code != 0 {
		t.Fatalf("report: exit %d\n%s", r.code, r.stderr)
	}
	type control struct {
		Control, Target, Occurrence                 string
		Expected, Covered, Failed, Missing, Records int
		MissingOccurrences                          []string `json:"missing_occurrences"`
		Policies                                    []struct{ SHA256, First, Last string }
		Conclusion                                  string
	}
	var rep struct {
		From, To string
		Controls []control
	}
	var raw []json.RawMessage
	rep.From, rep.To, raw = periodOf(t, r.stdout)
	for _, m := range raw {
		var c control
		if err := json.Unmarshal(m, &c); err != nil {
			t.Fatal(err)
		}
		rep.Controls = append(rep.Controls, c)
	}
	if rep.From != "2026-03-01" || rep.To != "2026-03-05" || len(rep.Controls) != 1 {
		t.Fatalf("report: %s", r.stdout)
	}
	c := rep.Controls[0]
	if c.Control != "mfa" || c.Target != "file.idp" || c.Occurrence != "day" || c.Expected != 5 || c.Covered != 4 || c.Failed != 4 || c.Missing != 1 || c.Records != 4 ||
		strings.Join(c.MissingOccurrences, ",") != "2026-03-03" || len(c.Policies) != 1 || c.Policies[0].First != "2026-03-01" || c.Policies[0].Last != "2026-03-05" {
		t.Errorf("report: %+v", c)
	}
	if want := "Exceptions noted: the control failed on 4 of 5 days (2026-03-01, 2026-03-02, 2026-03-04, 2026-03-05) and did not operate on 1 day (2026-03-03)."; c.Conclusion != want {
		t.Errorf("conclusion:\n got %s\nwant %s", c.Conclusion, want)
	}
	for _, args := range [][]string{
		{"report", "."},
		{"report", ".", "--period", "2026-03-05..2026-03-01"},
		{"report", ".", "--period", "2026-03-01..2026-03-05", "--format", "pdf"},
	} {
		if r := socleEnv(t, dir, nil, args...); r.code != 2 || r.stdout != "" {
			t.Errorf("%v: exit %d\n%s%s", args, r.code, r.stdout, r.stderr)
		}
	}
}
