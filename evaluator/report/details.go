package report

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/evidence"
	"github.com/socle-dev/socle/evaluator/period"
	"github.com/socle-dev/socle/evaluator/result"
)

// deviations lists every failed, errored and missing occurrence with the
// records that show it.
func (b *builder) deviations() {
	b.rows(func(s *Section, r *Row) {
		for _, t := range r.Targets {
			kinds := []struct {
				kind   string
				labels []string
			}{{"failed", t.FailedOccurrences}, {"errored", t.ErroredOccurrences}, {"missing", t.MissingOccurrences}}
			var devs []Deviation
			for _, k := range kinds {
				for _, label := range k.labels {
					d := Deviation{Section: s.Ref, Control: r.Label, ControlRef: r.Ref, Title: r.Title, Target: t.Target,
						Occurrence: label, Kind: k.kind, Records: []DeviationRecord{}}
					d.From, d.To = b.span(label, t.Occurrence)
					for _, id := range b.occurrences[[2]string{r.Label, t.Target}][label] {
						d.Records = append(d.Records, b.deviationRecord(id))
					}
					d.Description = describe(d)
					devs = append(devs, d)
				}
			}
			slices.SortStableFunc(devs, func(x, y Deviation) int {
				return cmp.Or(strings.Compare(x.From, y.From), strings.Compare(x.Occurrence, y.Occurrence))
			})
			b.rep.Deviations = append(b.rep.Deviations, devs...)
		}
	})
}

// span is an occurrence's first and last day within the period.
func (b *builder) span(label, unit string) (string, string) {
	from, to, ok := occurrenceSpan(label, unit)
	if !ok || b.typeI {
		return label, label
	}
	if from.Before(b.p.From) {
		from = b.p.From
	}
	if to.After(b.p.To) {
		to = b.p.To
	}
	return from.Format(time.DateOnly), to.Format(time.DateOnly)
}

// occurrenceSpan reads an occurrence label back: its first and last day.
func occurrenceSpan(label, unit string) (from, to time.Time, ok bool) {
	switch unit {
	case "day":
		d, err := time.Parse(time.DateOnly, label)
		return d, d, err == nil
	case "week":
		var y, w int
		if _, err := fmt.Sscanf(label, "%d-W%d", &y, &w); err != nil {
			return from, to, false
		}
		jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+(w-1)*7)
		return monday, monday.AddDate(0, 0, 6), true
	case "month":
		d, err := time.Parse("2006-01", label)
		return d, d.AddDate(0, 1, -1), err == nil
	case "quarter":
		var y, q int
		if _, err := fmt.Sscanf(label, "%d-Q%d", &y, &q); err != nil {
			return from, to, false
		}
		d := time.Date(y, time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC)
		return d, d.AddDate(0, 3, -1), true
	case "year":
		y, err := strconv.Atoi(label)
		d := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		return d, d.AddDate(1, 0, -1), err == nil
	}
	return from, to, false
}

func (b *builder) deviationRecord(id string) DeviationRecord {
	r := b.byID[id]
	if r == nil { // a manual evidence file
		e := b.entry(id)
		d := DeviationRecord{ID: id, SHA256: e.SHA256, AsOf: e.AsOf, Status: e.Status, Findings: []FindingDetail{}}
		for _, files := range b.files {
			for _, f := range files {
				if "file:"+f.file == id {
					d.Error = f.err
				}
			}
		}
		return d
	}
	d := DeviationRecord{ID: r.id, SHA256: r.sha256, AsOf: r.rec.AsOf.UTC(), Status: r.rec.Status, Findings: failing(r.rec)}
	if r.rec.Error != nil {
		d.Error = *r.rec.Error
	}
	return d
}

// failing are a record's unwaived findings: each failed resource with its
// messages, and the findings about the target as a whole.
func failing(rec *evidence.Record) []FindingDetail {
	out := []FindingDetail{}
	for _, f := range rec.TargetWide {
		if !f.Waived {
			out = append(out, FindingDetail{Messages: []string{f.Message}})
		}
	}
	for _, v := range rec.Verdicts {
		if v.Verdict == evidence.VerdictFail {
			msgs := v.Messages
			if msgs == nil {
				msgs = []string{}
			}
			out = append(out, FindingDetail{Resource: v.Resource, Messages: msgs})
		}
	}
	return out
}

// describe says what happened in one sentence.
func describe(d Deviation) string {
	switch d.Kind {
	case "failed":
		n, names := 0, []string{}
		for _, r := range d.Records {
			if r.Status != result.StatusFail {
				continue
			}
			for _, f := range r.Findings {
				n++
				if f.Resource != "" && !slices.Contains(names, f.Resource) {
					names = append(names, f.Resource)
				}
			}
		}
		s := fmt.Sprintf("The control failed %s: %s", when(d), plural(n, "finding", "findings"))
		if len(names) > 0 {
			s += " (" + strings.Join(names, ", ") + ")"
		}
		if len(d.Records) > 1 {
			s += fmt.Sprintf(" over %s", plural(len(d.Records), "record", "records"))
		}
		return s + "."
	case "errored":
		msg := ""
		for _, r := range d.Records {
			if r.Error != "" {
				msg = ": " + r.Error
				break
			}
		}
		return fmt.Sprintf("The control did not operate %s: every record errored%s", when(d), strings.TrimSuffix(msg, ".")) + "."
	}
	return fmt.Sprintf("The control did not operate %s: no record.", when(d))
}

// when is "on 2026-02-14" for a day, "in 2026-W07" for a longer occurrence.
func when(d Deviation) string {
	if d.From == d.To {
		return "on " + d.Occurrence
	}
	return "in " + d.Occurrence
}

// waivers are the waivers in force during the period and those the
// period's records applied.
func (b *builder) waivers() {
	type applied struct {
		w           result.Waiver
		n           int
		first, last string
		control     string
	}
	byLabel := map[string]*applied{}
	for _, r := range b.g.records {
		day := r.rec.AsOf.UTC().Format(time.DateOnly)
		for _, w := range r.rec.Waivers {
			a := byLabel[w.Label]
			if a == nil {
				a = &applied{w: w, first: day, control: r.rec.Control.Label}
				byLabel[w.Label] = a
			}
			a.n++
			a.last = day
		}
	}
	seen := map[string]bool{}
	if repo := b.o.Repo; repo != nil {
		for _, w := range repo.Waivers {
			if !w.Expires.After(b.p.From) {
				continue // expired before the period
			}
			seen[w.Label] = true
			out := Waiver{Label: w.Label, Control: w.Control.Name + w.Control.Key.String(), Resources: w.Resources, Reason: w.Reason, ApprovedBy: w.ApprovedBy,
				Ticket: w.Ticket, Expires: w.ExpiresRaw}
			for _, c := range repo.Controls {
				if c.Addr.Name == w.Control.Name && (w.Control.Key == addrs.NoKey || w.Control.Key == c.Addr.Key) {
					out.ControlRef = c.Ref
					break
				}
			}
			if a := byLabel[w.Label]; a != nil {
				out.Applied, out.First, out.Last = a.n, a.first, a.last
			}
			out.Status = waiverStatus(out.Applied, w.Expires, w.ExpiresRaw, b.p.End())
			b.rep.Waivers = append(b.rep.Waivers, out)
		}
	}
	for label, a := range byLabel {
		if seen[label] {
			continue
		}
		m := b.controls[a.control]
		out := Waiver{Label: label, Control: a.control, Reason: a.w.Reason, ApprovedBy: a.w.ApprovedBy, Ticket: a.w.Ticket, Expires: a.w.Expires,
			Applied: a.n, First: a.first, Last: a.last, Status: fmt.Sprintf("applied %s; no longer declared in the repository", plural(a.n, "time", "times"))}
		if m != nil {
			out.ControlRef = m.ref
		}
		b.rep.Waivers = append(b.rep.Waivers, out)
	}
	slices.SortFunc(b.rep.Waivers, func(x, y Waiver) int {
		return cmp.Or(result.CompareRef(x.ControlRef, y.ControlRef), strings.Compare(x.Control, y.Control), strings.Compare(x.Label, y.Label))
	})
}

func waiverStatus(applied int, expires time.Time, raw string, end time.Time) string {
	s := "applied to no finding in the period"
	if applied > 0 {
		s = fmt.Sprintf("applied by %s", plural(applied, "record", "records"))
	}
	if expires.Before(end) {
		return s + fmt.Sprintf("; expired within the period (%s)", raw)
	}
	return s + "; in force through the period"
}

// programme lists the CUECs and subservice organizations, and attaches them
// to the sections of their objectives.
func (b *builder) programme() {
	repo := b.o.Repo
	if repo == nil {
		return
	}
	ref := func(label string) string {
		if o := b.objectives[label]; o != nil && o.ref != "" {
			return o.ref
		}
		return label
	}
	refs := func(objs []*evaluator.Objective) []string {
		out := []string{}
		for _, o := range objs {
			out = append(out, ref(o.Label))
		}
		return out
	}
	section := func(label string) *Section {
		for i := range b.rep.Sections {
			if b.rep.Sections[i].Label == label {
				return &b.rep.Sections[i]
			}
		}
		return nil
	}
	for _, u := range repo.CUECs {
		c := CUEC{Ref: u.Ref, Label: u.Label, Description: u.Description, Objectives: refs(u.Objectives)}
		b.rep.CUECs = append(b.rep.CUECs, c)
		for _, o := range u.Objectives {
			if s := section(o.Label); s != nil {
				s.CUECs = append(s.CUECs, c)
			}
		}
	}
	for _, sv := range repo.Subservices {
		out := Subservice{Label: sv.Label, Name: sv.Name, Services: sv.Services, Method: sv.Method, Objectives: refs(sv.Objectives),
			MonitoredBy: []string{}, CSOCs: []CSOC{}}
		for _, c := range sv.MonitoredBy {
			name := c.Name + c.Key.String()
			for _, decl := range repo.Controls {
				if decl.Addr.Name == c.Name && decl.Ref != "" {
					name = decl.Ref
					break
				}
			}
			out.MonitoredBy = append(out.MonitoredBy, name)
		}
		for _, c := range sv.CSOCs {
			objs := c.Objectives
			if len(objs) == 0 {
				objs = sv.Objectives
			}
			csoc := CSOC{Ref: c.Ref, Label: c.Label, Subservice: sv.Name, Description: c.Description, Objectives: refs(objs)}
			out.CSOCs = append(out.CSOCs, csoc)
			for _, o := range objs {
				if s := section(o.Label); s != nil {
					s.CSOCs = append(s.CSOCs, csoc)
				}
			}
		}
		b.rep.Subservices = append(b.rep.Subservices, out)
	}
}

// samples are the samples recorded for (part of) the period.
func (b *builder) samples() {
	for _, sm := range b.g.samples {
		b.rep.Samples = append(b.rep.Samples, Sample{Sample: sm, PopulationSize: len(sm.Population)})
	}
}

// reperform evaluates again, from their stored inputs, the records of every
// sample of the period and, for each control and target no sample covers,
// its latest record in the period that did not error (for Type I, the
// record the design is judged on).
func (b *builder) reperform(ctx context.Context) {
	done := map[string]bool{}
	covered := map[[2]string]bool{}
	var list []Reperformance
	add := func(id, reason string) {
		if done[id] {
			return
		}
		done[id] = true
		rp := Reperformance{RecordID: id, Reason: reason}
		res, err := evaluator.Reperform(ctx, b.o.Store, id)
		switch {
		case err != nil:
			rp.Outcome, rp.Detail = OutcomeFailed, err.Error()
		case res.Identical:
			rp.Outcome, rp.Detail = OutcomeIdentical, res.Summary()
		default:
			rp.Outcome = OutcomeDifferent
			var diffs []string
			for _, d := range res.Differences {
				diffs = append(diffs, d.String())
			}
			rp.Detail = strings.Join(diffs, "; ")
		}
		if res != nil && res.Stored != nil {
			rec := res.Stored
			rp.Control, rp.ControlRef, rp.Target = rec.Control.Label, rec.Control.Ref, rec.Target.Name
			_, _, rp.Occurrence, _ = period.OccurrenceOf(rec.Control.Frequency, rec.AsOf)
			covered[[2]string{rec.Control.Label, rec.Target.Name}] = true
		} else if r := b.byID[id]; r != nil {
			rp.Control, rp.ControlRef, rp.Target = r.rec.Control.Label, r.rec.Control.Ref, r.rec.Target.Name
		}
		list = append(list, rp)
	}
	for _, sm := range b.g.samples {
		for _, it := range sm.Selection {
			for _, id := range it.Records {
				add(id, "sample "+sm.ID)
			}
		}
	}
	b.rows(func(_ *Section, r *Row) {
		for _, t := range r.Targets {
			if covered[[2]string{r.Label, t.Target}] || r.Kind == KindManual {
				continue
			}
			var latest *record
			for _, ids := range b.occurrences[[2]string{r.Label, t.Target}] {
				for _, id := range ids {
					if rec := b.byID[id]; rec != nil && rec.rec.Status != result.StatusError && (latest == nil || !rec.rec.AsOf.Before(latest.rec.AsOf)) {
						latest = rec
					}
				}
			}
			if latest != nil {
				add(latest.id, "latest record")
			}
		}
	})
	// In row order, then occurrence, then record id.
	order := map[string]int{}
	i := 0
	b.rows(func(_ *Section, r *Row) { order[r.Label] = i; i++ })
	slices.SortStableFunc(list, func(x, y Reperformance) int {
		return cmp.Or(cmp.Compare(order[x.Control], order[y.Control]), strings.Compare(x.Target, y.Target), strings.Compare(x.Occurrence, y.Occurrence), strings.Compare(x.RecordID, y.RecordID))
	})
	b.rep.Reperformance = list
}

// coverage states what the evidence covers.
func (b *builder) coverage() {
	c := Coverage{Objectives: []ObjectiveCoverage{}, COSO: []COSOCoverage{}, ControlsWithoutEvidence: []ControlName{}, PolicyChanges: []PolicyChange{}}
	covered := map[int][]string{}
	evidenced := map[int]bool{}
	for _, s := range b.rep.Sections {
		oc := ObjectiveCoverage{Ref: s.Ref, Title: s.Title, Controls: len(s.Controls)}
		for _, r := range s.Controls {
			if r.Records > 0 {
				oc.WithEvidence++
			} else {
				c.ControlsWithoutEvidence = append(c.ControlsWithoutEvidence, ControlName{Ref: r.Ref, Label: r.Label, Title: r.Title})
			}
			for _, t := range r.Targets {
				if len(t.Policies) > 1 {
					c.PolicyChanges = append(c.PolicyChanges, PolicyChange{ControlRef: r.Ref, Control: r.Label, Target: t.Target, Policy: r.Policy, Versions: t.Policies})
				}
			}
		}
		oc.Covered = oc.WithEvidence > 0
		c.Objectives = append(c.Objectives, oc)
		for _, p := range s.COSO {
			covered[p] = append(covered[p], s.Ref)
			evidenced[p] = evidenced[p] || oc.Covered
		}
	}
	for p := 1; p <= 17; p++ {
		objs := covered[p]
		if objs == nil {
			objs = []string{}
		}
		c.COSO = append(c.COSO, COSOCoverage{Principle: p, Name: COSOPrinciples[p-1], Objectives: objs, Covered: evidenced[p]})
	}
	b.rep.Coverage = c
}

// COSOPrinciples are the short names of the 17 principles of COSO's
// Internal Control — Integrated Framework (2013), in order.
var COSOPrinciples = []string{
	"Demonstrates commitment to integrity and ethical values",
	"Exercises oversight responsibility",
	"Establishes structure, authority, and responsibility",
	"Demonstrates commitment to competence",
	"Enforces accountability",
	"Specifies suitable objectives",
	"Identifies and analyzes risk",
	"Assesses fraud risk",
	"Identifies and analyzes significant change",
	"Selects and develops control activities",
	"Selects and develops general controls over technology",
	"Deploys through policies and procedures",
	"Uses relevant information",
	"Communicates internally",
	"Communicates externally",
	"Conducts ongoing and/or separate evaluations",
	"Evaluates and communicates deficiencies",
}
