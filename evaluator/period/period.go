// Package period is the Type II period engine: from the evidence records of a
// period, per control and target, the occurrences a control's frequency
// expects, those covered by a record, those that failed and those missing, the
// policy versions and waivers in force, and the conclusion in the auditors'
// phrasing.
//
// It imports evaluator/evidence and evaluator/result only; reading the store
// is the caller's job.
package period

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/socle-dev/socle/evaluator/evidence"
	"github.com/socle-dev/socle/evaluator/result"
)

// Period is a span of whole days, UTC, both ends included.
type Period struct {
	From, To time.Time // midnight UTC of the first and of the last day
}

// Parse reads FROM..TO (dates, YYYY-MM-DD, both included).
func Parse(s string) (Period, error) {
	a, b, ok := strings.Cut(s, "..")
	if !ok || a == "" || b == "" {
		return Period{}, fmt.Errorf("invalid period %q: write FROM..TO with dates, as 2026-01-01..2026-06-30", s)
	}
	from, err := time.Parse(time.DateOnly, a)
	if err != nil {
		return Period{}, fmt.Errorf("invalid period %q: %q is not a date (YYYY-MM-DD)", s, a)
	}
	to, err := time.Parse(time.DateOnly, b)
	if err != nil {
		return Period{}, fmt.Errorf("invalid period %q: %q is not a date (YYYY-MM-DD)", s, b)
	}
	if to.Before(from) {
		return Period{}, fmt.Errorf("invalid period %q: it ends before it starts", s)
	}
	return Period{From: from, To: to}, nil
}

// End is the first instant after the period.
func (p Period) End() time.Time { return p.To.AddDate(0, 0, 1) }

// Contains tells whether t falls in the period.
func (p Period) Contains(t time.Time) bool {
	t = t.UTC()
	return !t.Before(p.From) && t.Before(p.End())
}

// Observation is what the period engine reads of one evidence record.
type Observation struct {
	RecordID     string
	Objective    string // label
	ObjectiveRef string
	Control      string // label
	ControlRef   string
	Target       string
	Frequency    string
	AsOf         time.Time
	Status       result.Status
	PolicySHA256 string
	Waivers      []result.Waiver // applied
}

// ObservationOf is the observation of a stored record.
func ObservationOf(id string, rec *evidence.Record) Observation {
	return Observation{
		RecordID:     id,
		Objective:    rec.Objective.Label,
		ObjectiveRef: rec.Objective.Ref,
		Control:      rec.Control.Label,
		ControlRef:   rec.Control.Ref,
		Target:       rec.Target.Name,
		Frequency:    rec.Control.Frequency,
		AsOf:         rec.AsOf.UTC(),
		Status:       rec.Status,
		PolicySHA256: rec.Policy.SHA256,
		Waivers:      rec.Waivers,
	}
}

// Report is the period result.
type Report struct {
	From     string    `json:"from"` // YYYY-MM-DD
	To       string    `json:"to"`   // YYYY-MM-DD, included
	Controls []Control `json:"controls"`
}

// Control is one control on one target over the period.
type Control struct {
	Objective    string `json:"objective"`
	ObjectiveRef string `json:"objective_ref"`
	Control      string `json:"control"`
	Ref          string `json:"ref"`
	Target       string `json:"target"`
	Frequency    string `json:"frequency"`
	Occurrence   string `json:"occurrence"` // day, week, month, quarter or year
	Expected     int    `json:"expected"`
	Covered      int    `json:"covered"`
	Failed       int    `json:"failed"`
	// Errored counts covered occurrences whose every record errored: the
	// control did not operate (an input could not be loaded, the policy ran
	// out of time).
	Errored int `json:"errored"`
	Missing int `json:"missing"`
	// FailedOccurrences, ErroredOccurrences and MissingOccurrences name the
	// occurrences: 2026-03-04, 2026-W10, 2026-03, 2026-Q1, 2026.
	FailedOccurrences  []string        `json:"failed_occurrences"`
	ErroredOccurrences []string        `json:"errored_occurrences"`
	MissingOccurrences []string        `json:"missing_occurrences"`
	Policies           []PolicyVersion `json:"policies"`
	Waivers            []WaiverInForce `json:"waivers"`
	Records            int             `json:"records"`
	Conclusion         string          `json:"conclusion"`
}

// PolicyVersion is one policy hash in force, with the first and last day a
// record was made with it.
type PolicyVersion struct {
	SHA256 string `json:"sha256"`
	First  string `json:"first"`
	Last   string `json:"last"`
}

// WaiverInForce is a waiver some record of the period applied, with the first
// and last day it was applied.
type WaiverInForce struct {
	result.Waiver
	First string `json:"first"`
	Last  string `json:"last"`
}

// occurrence units by frequency.
var units = map[string]string{
	"continuous": "day", "daily": "day", "weekly": "week", "monthly": "month", "quarterly": "quarter", "annual": "year",
}

// Evaluate computes the period result of the observations (those outside the
// period are ignored): one entry per control and target, in result order
// (objective, control, target).
//
// An occurrence is a calendar day (continuous and daily controls), an ISO
// week, a month, a quarter or a year, UTC; the occurrences expected are those
// that overlap the period (a week the period starts or ends in counts, its
// days in the period only). An occurrence is covered when a record's as_of
// falls in it; failed when one of those records failed; errored when every one
// of them errored (the control did not operate: an input could not be loaded,
// the policy ran out of time); missing when no record falls in it. The
// conclusion says the control "did not operate" on errored and missing
// occurrences alike.
func Evaluate(p Period, obs []Observation) (*Report, error) {
	return EvaluateExpected(p, obs, nil)
}

// Expected is a control and target the policy repository declares: with no
// record in the period, it is still reported, every occurrence missing — a
// control that never operated is the first exception an auditor looks for.
type Expected struct {
	Objective, ObjectiveRef, Control, Ref, Target, Frequency string
}

// EvaluateExpected is Evaluate, also reporting each expected control and
// target that has no record in the period.
func EvaluateExpected(p Period, obs []Observation, expected []Expected) (*Report, error) {
	// A group is one control and target: who it is (the latest record, or the
	// repository's declaration when there is no record) and its records.
	type key struct{ control, target string }
	type group struct {
		id   Observation
		list []Observation
	}
	groups := map[key]*group{}
	for _, o := range obs {
		if p.Contains(o.AsOf) {
			k := key{o.Control, o.Target}
			if groups[k] == nil {
				groups[k] = &group{}
			}
			groups[k].list = append(groups[k].list, o)
		}
	}
	for _, e := range expected {
		k := key{e.Control, e.Target}
		if groups[k] == nil {
			groups[k] = &group{id: Observation{Objective: e.Objective, ObjectiveRef: e.ObjectiveRef, Control: e.Control,
				ControlRef: e.Ref, Target: e.Target, Frequency: e.Frequency}}
		}
	}
	rep := &Report{From: p.From.Format(time.DateOnly), To: p.To.Format(time.DateOnly), Controls: []Control{}}
	for _, g := range groups {
		list := g.list
		slices.SortStableFunc(list, func(a, b Observation) int { return a.AsOf.Compare(b.AsOf) })
		last := g.id
		if len(list) > 0 {
			last = list[len(list)-1]
		}
		unit, ok := units[last.Frequency]
		if !ok {
			return nil, fmt.Errorf("control %s on %s has an unknown frequency %q (record %s)", last.Control, last.Target, last.Frequency, last.RecordID)
		}
		c := Control{
			Objective: last.Objective, ObjectiveRef: last.ObjectiveRef, Control: last.Control, Ref: last.ControlRef, Target: last.Target, Frequency: last.Frequency, Occurrence: unit,
			FailedOccurrences: []string{}, ErroredOccurrences: []string{}, MissingOccurrences: []string{}, Policies: []PolicyVersion{}, Waivers: []WaiverInForce{},
			Records: len(list),
		}
		for _, w := range windows(p, unit) {
			covered, failed, operated := false, false, false
			for _, o := range list {
				if !o.AsOf.Before(w.start) && o.AsOf.Before(w.end) {
					covered = true
					switch o.Status {
					case result.StatusFail:
						failed, operated = true, true
					case result.StatusError:
					default:
						operated = true
					}
				}
			}
			c.Expected++
			switch {
			case !covered:
				c.Missing++
				c.MissingOccurrences = append(c.MissingOccurrences, w.label)
			case failed:
				c.Covered++
				c.Failed++
				c.FailedOccurrences = append(c.FailedOccurrences, w.label)
			case !operated:
				c.Covered++
				c.Errored++
				c.ErroredOccurrences = append(c.ErroredOccurrences, w.label)
			default:
				c.Covered++
			}
		}
		for _, o := range list {
			day := o.AsOf.Format(time.DateOnly)
			if o.PolicySHA256 != "" {
				// One entry per stretch of records with the same hash, so a change
				// that is later reverted (A, B, A) shows as three stretches.
				n := len(c.Policies)
				if n == 0 || c.Policies[n-1].SHA256 != o.PolicySHA256 {
					c.Policies = append(c.Policies, PolicyVersion{SHA256: o.PolicySHA256, First: day})
					n++
				}
				c.Policies[n-1].Last = day
			}
			for _, w := range o.Waivers {
				i := slices.IndexFunc(c.Waivers, func(v WaiverInForce) bool { return v.Label == w.Label })
				if i < 0 {
					c.Waivers = append(c.Waivers, WaiverInForce{Waiver: w, First: day})
					i = len(c.Waivers) - 1
				}
				c.Waivers[i].Last = day
			}
		}
		slices.SortFunc(c.Waivers, func(a, b WaiverInForce) int { return strings.Compare(a.Label, b.Label) })
		notOperated := append(slices.Clone(c.ErroredOccurrences), c.MissingOccurrences...)
		slices.Sort(notOperated)
		c.Conclusion = Conclusion(unit, c.Expected, c.FailedOccurrences, notOperated)
		rep.Controls = append(rep.Controls, c)
	}
	slices.SortFunc(rep.Controls, func(a, b Control) int {
		return orderOf(a).Compare(orderOf(b))
	})
	return rep, nil
}

func orderOf(c Control) result.Order {
	return result.Order{ObjectiveRef: c.ObjectiveRef, ObjectiveLabel: c.Objective, ControlRef: c.Ref, ControlLabel: c.Control, Target: c.Target}
}

// Conclusion is the auditors' phrasing: "No exceptions noted." or
// "Exceptions noted: the control failed on 2 of 181 days (2026-03-04,
// 2026-03-05) and did not operate on 1 day (2026-05-01)."
func Conclusion(unit string, expected int, failed, notOperated []string) string {
	missing := notOperated
	if len(failed) == 0 && len(missing) == 0 {
		return "No exceptions noted."
	}
	var parts []string
	if len(failed) > 0 {
		parts = append(parts, fmt.Sprintf("failed on %d of %s (%s)", len(failed), count(expected, unit), strings.Join(failed, ", ")))
	}
	if len(missing) > 0 {
		if len(failed) > 0 {
			parts = append(parts, fmt.Sprintf("did not operate on %s (%s)", count(len(missing), unit), strings.Join(missing, ", ")))
		} else {
			parts = append(parts, fmt.Sprintf("did not operate on %d of %s (%s)", len(missing), count(expected, unit), strings.Join(missing, ", ")))
		}
	}
	return "Exceptions noted: the control " + strings.Join(parts, " and ") + "."
}

func count(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

type window struct {
	start, end time.Time // [start, end), clipped to the period
	label      string
}

// windows are the occurrences of a unit that overlap the period, clipped to it.
func windows(p Period, unit string) []window {
	var out []window
	for s := unitStart(p.From, unit); s.Before(p.End()); {
		next, label := unitNext(s, unit)
		out = append(out, window{start: later(s, p.From), end: earlier(next, p.End()), label: label})
		s = next
	}
	return out
}

// unitStart is the first day of the occurrence of unit that holds day.
func unitStart(day time.Time, unit string) time.Time {
	switch unit {
	case "week":
		return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7)) // the Monday
	case "month":
		return time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC)
	case "quarter":
		return time.Date(day.Year(), day.Month()-(day.Month()-1)%3, 1, 0, 0, 0, 0, time.UTC)
	case "year":
		return time.Date(day.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return day
}

// unitNext is the first day after the occurrence that starts at s, and the
// occurrence's label.
func unitNext(s time.Time, unit string) (time.Time, string) {
	switch unit {
	case "week":
		y, wk := s.ISOWeek()
		return s.AddDate(0, 0, 7), fmt.Sprintf("%04d-W%02d", y, wk)
	case "month":
		return s.AddDate(0, 1, 0), s.Format("2006-01")
	case "quarter":
		return s.AddDate(0, 3, 0), fmt.Sprintf("%04d-Q%d", s.Year(), (int(s.Month())-1)/3+1)
	case "year":
		return s.AddDate(1, 0, 0), fmt.Sprintf("%04d", s.Year())
	}
	return s.AddDate(0, 0, 1), s.Format(time.DateOnly)
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// Population is the covered occurrences of one control on one target over a
// period: the population a Type II sample is drawn from.
type Population struct {
	Control    string       `json:"control"` // label
	Ref        string       `json:"ref"`
	Target     string       `json:"target"`
	Frequency  string       `json:"frequency"` // the latest record's
	Occurrence string       `json:"occurrence"`
	Items      []Occurrence `json:"items"` // in time order (= key order)
}

// Occurrence is one covered occurrence: its key (2026-03-04, 2026-W10,
// 2026-03, 2026-Q1, 2026) and the records that fall in it, oldest first.
type Occurrence struct {
	Key     string   `json:"key"`
	Records []string `json:"records"`
}

// Populations are the covered occurrences of the observations in the period,
// per control and target (occurrences as Evaluate counts them; the missing
// ones are not in a population), sorted by control then target.
func Populations(p Period, obs []Observation) ([]Population, error) {
	type key struct{ control, target string }
	groups := map[key][]Observation{}
	for _, o := range obs {
		if p.Contains(o.AsOf) {
			k := key{o.Control, o.Target}
			groups[k] = append(groups[k], o)
		}
	}
	out := []Population{}
	for _, list := range groups {
		slices.SortStableFunc(list, func(a, b Observation) int { return a.AsOf.Compare(b.AsOf) })
		last := list[len(list)-1]
		unit, ok := units[last.Frequency]
		if !ok {
			return nil, fmt.Errorf("control %s on %s has an unknown frequency %q (record %s)", last.Control, last.Target, last.Frequency, last.RecordID)
		}
		pop := Population{Control: last.Control, Ref: last.ControlRef, Target: last.Target, Frequency: last.Frequency, Occurrence: unit, Items: []Occurrence{}}
		for _, w := range windows(p, unit) {
			var ids []string
			for _, o := range list {
				if !o.AsOf.Before(w.start) && o.AsOf.Before(w.end) {
					ids = append(ids, o.RecordID)
				}
			}
			if len(ids) > 0 {
				pop.Items = append(pop.Items, Occurrence{Key: w.label, Records: ids})
			}
		}
		out = append(out, pop)
	}
	slices.SortFunc(out, func(a, b Population) int {
		if c := strings.Compare(a.Control, b.Control); c != 0 {
			return c
		}
		return strings.Compare(a.Target, b.Target)
	})
	return out, nil
}

// OccurrenceOf returns the occurrence of a control of the given frequency that
// holds t: its first day, the first instant after it, and its label
// (2026-11-25, 2026-W48, 2026-11, 2026-Q4, 2026). A manual control's evidence
// must be dated inside its current occurrence.
func OccurrenceOf(frequency string, t time.Time) (start, end time.Time, label string, ok bool) {
	unit, ok := units[frequency]
	if !ok {
		return time.Time{}, time.Time{}, "", false
	}
	t = t.UTC()
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	start = unitStart(day, unit)
	end, label = unitNext(start, unit)
	return start, end, label, true
}
