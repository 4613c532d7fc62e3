package period

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/socle-dev/socle/evaluator/evidence"
	"github.com/socle-dev/socle/evaluator/result"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// series is one record a day from..to (both included, at 06:00 UTC) of a
// control, failing on the days in fail and absent on the days in skip.
func series(control, frequency, from, to string, every int, fail, skip []string) []Observation {
	var out []Observation
	for d := day(from); !d.After(day(to)); d = d.AddDate(0, 0, every) {
		s := d.Format(time.DateOnly)
		if slices.Contains(skip, s) {
			continue
		}
		st := result.StatusPass
		if slices.Contains(fail, s) {
			st = result.StatusFail
		}
		out = append(out, Observation{RecordID: "run-" + s + "/1", Control: control, ControlRef: "1.1", Target: "aws.prod",
			Frequency: frequency, AsOf: d.Add(6 * time.Hour), Status: st, PolicySHA256: "p1"})
	}
	return out
}

func monthly(days ...string) []Observation {
	var out []Observation
	for _, d := range days {
		out = append(out, Observation{Control: "recon", Target: "erp", Frequency: "monthly", AsOf: day(d), Status: result.StatusPass})
	}
	return out
}

func TestEvaluate(t *testing.T) {
	h1 := Period{From: day("2026-01-01"), To: day("2026-06-30")}
	for _, c := range []struct {
		name                               string
		period                             Period
		obs                                []Observation
		expected, covered, failed, missing int
		conclusion                         string
	}{
		{"daily, every day passed", h1, series("mfa", "daily", "2026-01-01", "2026-06-30", 1, nil, nil),
			181, 181, 0, 0, "No exceptions noted."},
		{"continuous, the issue's example", h1, series("mfa", "continuous", "2026-01-01", "2026-06-30", 1, []string{"2026-03-04", "2026-03-05"}, []string{"2026-05-01"}),
			181, 180, 2, 1, "Exceptions noted: the control failed on 2 of 181 days (2026-03-04, 2026-03-05) and did not operate on 1 day (2026-05-01)."},
		{"daily, records outside the period ignored", Period{From: day("2026-03-01"), To: day("2026-03-03")}, series("mfa", "daily", "2026-02-20", "2026-03-02", 1, []string{"2026-02-25"}, nil),
			3, 2, 0, 1, "Exceptions noted: the control did not operate on 1 of 3 days (2026-03-03)."},
		// 2026-01-01 is a Thursday in ISO week 1; 2026-03-31 a Tuesday in
		// week 14. Weekly records on Fridays: 2026-01-02 (W01) … 2026-03-27 (W13).
		{"weekly, ISO weeks, edges clipped", Period{From: day("2026-01-01"), To: day("2026-03-31")},
			series("review", "weekly", "2026-01-02", "2026-03-27", 7, []string{"2026-03-06"}, []string{"2026-01-30"}),
			14, 12, 1, 2, "Exceptions noted: the control failed on 1 of 14 weeks (2026-W10) and did not operate on 2 weeks (2026-W05, 2026-W14)."},
		{"monthly", h1, monthly("2026-01-15", "2026-02-15", "2026-04-15", "2026-05-15", "2026-06-15"), 6, 5, 0, 1,
			"Exceptions noted: the control did not operate on 1 of 6 months (2026-03)."},
		{"quarterly, an occurrence whose only record errored did not operate", Period{From: day("2026-01-01"), To: day("2026-12-31")},
			[]Observation{
				{Control: "access_review", Target: "hr", Frequency: "quarterly", AsOf: day("2026-03-31"), Status: result.StatusPass},
				{Control: "access_review", Target: "hr", Frequency: "quarterly", AsOf: day("2026-06-30").Add(23 * time.Hour), Status: result.StatusError},
				{Control: "access_review", Target: "hr", Frequency: "quarterly", AsOf: day("2026-07-01"), Status: result.StatusPass},
				{Control: "access_review", Target: "hr", Frequency: "quarterly", AsOf: day("2026-12-31"), Status: result.StatusPass},
			},
			4, 4, 0, 0, "Exceptions noted: the control did not operate on 1 of 4 quarters (2026-Q2)."},
		{"quarterly, an error beside a passing run in the quarter", Period{From: day("2026-04-01"), To: day("2026-06-30")},
			[]Observation{
				{Control: "access_review", Target: "hr", Frequency: "quarterly", AsOf: day("2026-04-01"), Status: result.StatusPass},
				{Control: "access_review", Target: "hr", Frequency: "quarterly", AsOf: day("2026-06-30"), Status: result.StatusError},
			},
			1, 1, 0, 0, "No exceptions noted."},
		{"annual, a year the period starts in", Period{From: day("2025-07-01"), To: day("2026-06-30")},
			[]Observation{{Control: "bcp", Target: "t", Frequency: "annual", AsOf: day("2026-02-01"), Status: result.StatusPass}},
			2, 1, 0, 1, "Exceptions noted: the control did not operate on 1 of 2 years (2025)."},
		{"one month, one failure", Period{From: day("2026-02-01"), To: day("2026-02-28")},
			[]Observation{{Control: "recon", Target: "t", Frequency: "monthly", AsOf: day("2026-02-27"), Status: result.StatusFail}},
			1, 1, 1, 0, "Exceptions noted: the control failed on 1 of 1 month (2026-02)."},
	} {
		t.Run(c.name, func(t *testing.T) {
			rep, err := Evaluate(c.period, c.obs)
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Controls) != 1 {
				t.Fatalf("controls: %+v", rep.Controls)
			}
			got := rep.Controls[0]
			if got.Expected != c.expected || got.Covered != c.covered || got.Failed != c.failed || got.Missing != c.missing {
				t.Errorf("expected %d covered %d failed %d missing %d; want %d %d %d %d",
					got.Expected, got.Covered, got.Failed, got.Missing, c.expected, c.covered, c.failed, c.missing)
			}
			if got.Conclusion != c.conclusion {
				t.Errorf("conclusion:\n got %s\nwant %s", got.Conclusion, c.conclusion)
			}
		})
	}
}

// TestPoliciesWaiversAndOrder: the policy hashes in force with the days each
// was first and last seen, the waivers applied, one entry per control and
// target in result order.
func TestPoliciesWaiversAndOrder(t *testing.T) {
	p := Period{From: day("2026-03-01"), To: day("2026-03-10")}
	obs := series("mfa", "daily", "2026-03-01", "2026-03-10", 1, nil, nil)
	for i := range obs {
		if !obs[i].AsOf.Before(day("2026-03-05")) {
			obs[i].PolicySHA256 = "p2"
		}
	}
	w := result.Waiver{Label: "legacy", Reason: "r", ApprovedBy: "ciso", Expires: "2026-06-30"}
	obs[2].Waivers = []result.Waiver{w}
	obs[6].Waivers = []result.Waiver{w}
	other := Observation{Control: "mfa", ControlRef: "1.1", Target: "aws.dev", Frequency: "daily", AsOf: day("2026-03-02"), Status: result.StatusPass}
	first := Observation{Control: "backup", ControlRef: "1.2", ObjectiveRef: "CO-1", Target: "aws.prod", Frequency: "daily", AsOf: day("2026-03-02"), Status: result.StatusPass}
	second := Observation{Control: "tls", ControlRef: "1.10", ObjectiveRef: "CO-1", Target: "aws.prod", Frequency: "daily", AsOf: day("2026-03-02"), Status: result.StatusPass}
	for i := range obs {
		obs[i].ObjectiveRef = "CO-2"
	}
	other.ObjectiveRef = "CO-2"
	rep, err := Evaluate(p, append(obs, second, other, first))
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, c := range rep.Controls {
		order = append(order, c.Control+"@"+c.Target)
	}
	if want := "backup@aws.prod tls@aws.prod mfa@aws.dev mfa@aws.prod"; strings.Join(order, " ") != want {
		t.Errorf("order: %s, want %s", strings.Join(order, " "), want)
	}
	mfa := rep.Controls[3]
	if want := []PolicyVersion{{"p1", "2026-03-01", "2026-03-04"}, {"p2", "2026-03-05", "2026-03-10"}}; !slices.Equal(mfa.Policies, want) {
		t.Errorf("policies: %+v, want %+v", mfa.Policies, want)
	}
	if len(mfa.Waivers) != 1 || mfa.Waivers[0].Label != "legacy" || mfa.Waivers[0].First != "2026-03-03" || mfa.Waivers[0].Last != "2026-03-07" {
		t.Errorf("waivers: %+v", mfa.Waivers)
	}
	if rep.Controls[2].Conclusion != "Exceptions noted: the control did not operate on 9 of 10 days (2026-03-01, 2026-03-03, 2026-03-04, 2026-03-05, 2026-03-06, 2026-03-07, 2026-03-08, 2026-03-09, 2026-03-10)." {
		t.Errorf("mfa@aws.dev: %s", rep.Controls[2].Conclusion)
	}
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"from":"2026-03-01"`, `"to":"2026-03-10"`, `"occurrence":"day"`, `"approved_by":"ciso"`, `"first":"2026-03-03"`, `"failed_occurrences":[]`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s:\n%s", want, b)
		}
	}
}

func TestErrors(t *testing.T) {
	_, err := Evaluate(Period{From: day("2026-01-01"), To: day("2026-01-31")},
		[]Observation{{RecordID: "r/1", Control: "c", Target: "t", Frequency: "hourly", AsOf: day("2026-01-02")}})
	if err == nil || !strings.Contains(err.Error(), `unknown frequency "hourly" (record r/1)`) {
		t.Errorf("unknown frequency: %v", err)
	}
	for s, want := range map[string]string{
		"2026-01-01":             "write FROM..TO",
		"2026-01-01..":           "write FROM..TO",
		"2026-13-01..2026-12-31": `"2026-13-01" is not a date`,
		"2026-02-01..2026-01-31": "ends before it starts",
	} {
		if _, err := Parse(s); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q): %v, want %q", s, err, want)
		}
	}
	p, err := Parse("2026-01-01..2026-06-30")
	if err != nil || !p.From.Equal(day("2026-01-01")) || !p.End().Equal(day("2026-07-01")) {
		t.Errorf("Parse: %+v, %v", p, err)
	}
}

func TestObservationOf(t *testing.T) {
	rec := &evidence.Record{AsOf: day("2026-03-01"), Status: result.StatusFail,
		Control: evidence.Control{Label: "mfa", Ref: "1.1", Frequency: "weekly"}, Objective: evidence.Objective{Label: "access", Ref: "CO-1"},
		Target: evidence.Target{Name: "aws.prod"}, Policy: result.Policy{Package: "p", SHA256: "abc"}}
	o := ObservationOf("run/3", rec)
	if o.RecordID != "run/3" || o.Control != "mfa" || o.ObjectiveRef != "CO-1" || o.Frequency != "weekly" || o.PolicySHA256 != "abc" || o.Status != result.StatusFail || o.Target != "aws.prod" {
		t.Errorf("%+v", o)
	}
}

// TestPopulations: the covered occurrences only, each with its records,
// per control and target, sorted.
func TestPopulations(t *testing.T) {
	p := Period{From: day("2026-03-01"), To: day("2026-03-31")}
	obs := series("mfa", "weekly", "2026-02-20", "2026-04-03", 1, []string{"2026-03-10"}, []string{"2026-03-16", "2026-03-17", "2026-03-18", "2026-03-19", "2026-03-20", "2026-03-21", "2026-03-22"})
	obs = append(obs, monthly("2026-03-15")...)
	obs[len(obs)-1].RecordID = "r/9"
	pops, err := Populations(p, obs)
	if err != nil {
		t.Fatal(err)
	}
	if len(pops) != 2 || pops[0].Control != "mfa" || pops[1].Control != "recon" {
		t.Fatalf("populations: %+v", pops)
	}
	var keys []string
	for _, it := range pops[0].Items {
		keys = append(keys, it.Key)
	}
	// W09 (Sunday 1 March only) … W14 (30–31 March); W12 (16–22) has no record.
	if got := strings.Join(keys, " "); got != "2026-W09 2026-W10 2026-W11 2026-W13 2026-W14" || pops[0].Occurrence != "week" || pops[0].Frequency != "weekly" {
		t.Errorf("weekly keys: %s (%+v)", got, pops[0])
	}
	if it := pops[0].Items[0]; len(it.Records) != 1 || it.Records[0] != "run-2026-03-01/1" {
		t.Errorf("W09 covers only 1 March in the period: %+v", it)
	}
	if it := pops[0].Items[1]; len(it.Records) != 7 || it.Records[0] != "run-2026-03-02/1" || it.Records[6] != "run-2026-03-08/1" {
		t.Errorf("W10: %+v", it)
	}
	if it := pops[1].Items; len(it) != 1 || it[0].Key != "2026-03" || it[0].Records[0] != "r/9" {
		t.Errorf("monthly: %+v", it)
	}
	if _, err := Populations(p, []Observation{{Control: "x", Frequency: "hourly", AsOf: day("2026-03-02")}}); err == nil {
		t.Error("unknown frequency accepted")
	}
}

// A control the repository declares but that has no record in the period is
// still reported: it never operated.
func TestExpectedControlWithoutRecords(t *testing.T) {
	p, err := Parse("2026-03-01..2026-03-03")
	if err != nil {
		t.Fatal(err)
	}
	obs := series("mfa", "daily", "2026-03-01", "2026-03-03", 1, nil, nil)
	rep, err := EvaluateExpected(p, obs, []Expected{
		{Objective: "access", ObjectiveRef: "CO-1", Control: "mfa", Ref: "1.1", Target: "aws.prod", Frequency: "daily"},
		{Objective: "access", ObjectiveRef: "CO-1", Control: "review", Ref: "1.2", Target: "idp", Frequency: "monthly"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Controls) != 2 {
		t.Fatalf("%d controls", len(rep.Controls))
	}
	if c := rep.Controls[0]; c.Control != "mfa" || c.Covered != 3 || c.Records != 3 {
		t.Errorf("a control with records: %+v", c)
	}
	c := rep.Controls[1]
	want := "Exceptions noted: the control did not operate on 1 of 1 month (2026-03)."
	if c.Control != "review" || c.Expected != 1 || c.Missing != 1 || c.Records != 0 || c.Conclusion != want || len(c.Policies) != 0 {
		t.Errorf("a control without records: %+v", c)
	}
}

// A policy that changes and changes back shows three stretches, so the dates
// of each change can be read.
func TestPolicyRevertedShowsEachStretch(t *testing.T) {
	p, _ := Parse("2026-03-01..2026-03-05")
	obs := series("mfa", "daily", "2026-03-01", "2026-03-05", 1, nil, nil)
	obs[2].PolicySHA256 = "p2"
	obs[3].PolicySHA256 = "p2"
	rep, err := Evaluate(p, obs)
	if err != nil {
		t.Fatal(err)
	}
	got := rep.Controls[0].Policies
	want := []PolicyVersion{{"p1", "2026-03-01", "2026-03-02"}, {"p2", "2026-03-03", "2026-03-04"}, {"p1", "2026-03-05", "2026-03-05"}}
	if !slices.Equal(got, want) {
		t.Errorf("policies %+v\nwant %+v", got, want)
	}
}
