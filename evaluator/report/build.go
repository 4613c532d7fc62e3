package report

import (
	"cmp"
	"context"
	"crypto/ed25519"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/evidence"
	"github.com/socle-dev/socle/evaluator/period"
	"github.com/socle-dev/socle/evaluator/policy"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/socle-dev/socle/evaluator/store"
)

// Options are what Build reads.
type Options struct {
	// Period is the report's period; a single date (From equal to To) makes
	// a Type I report as of that date.
	Period period.Period
	// Repo is the policy repository: what controls it declares (a control
	// without records is an exception), their descriptions, waivers, CUECs
	// and subservice organizations. Nil: the report is built from the
	// records alone, and says so.
	Repo  *evaluator.Repo
	Store store.Store
	// PublicKey, when set, verifies the signatures of the runs read.
	PublicKey ed25519.PublicKey
	// Now is the generation time printed on the cover (default: now); a
	// period ending after it is reported through its day.
	Now time.Time
	// NoReperform skips reperformance (the test procedures say so).
	NoReperform bool
	// Framework, when set (soc2, iso27001), pivots the report to that
	// framework's criteria as well (Report.Framework).
	Framework string
	// Criteria, with Framework, scopes the pivot to the criteria these
	// prefixes name ("CC", "A1"; frameworks.Framework.Scope).
	Criteria []string
	// SocleVersion and OPAVersion are printed on the cover (default: this
	// build's).
	SocleVersion, OPAVersion string
	// Progress, when set, is told how far reading the period's records is
	// (stage "reading records", one step per run). The store's own
	// verification reports through store.WithProgress on the context.
	Progress func(stage string, done, total int)
}

// DefaultHeadings are the headings when the socle block words none.
var DefaultHeadings = map[string]string{
	"objective": "Control objective",
	"ref":       "No.",
	"activity":  "Control activity specified by the service organization",
	"test":      "Test performed",
	"result":    "Results of tests",
}

// controlMeta is what the report says of a control: from the repository,
// else from its latest record.
type controlMeta struct {
	label, ref, title, activity, kind  string
	severity, frequency, owner, policy string
	key, declared                      bool
	procedure                          string // the test_procedure override
	objective                          string // label
	decl                               *evaluator.Control
}

type objectiveMeta struct {
	label, ref, title, description string
	coso                           []int
}

type builder struct {
	o          Options
	p          period.Period
	typeI      bool
	g          *gathered
	controls   map[string]*controlMeta
	objectives map[string]*objectiveMeta
	byID       map[string]*record
	files      map[string][]manualFile // manual control label → files used
	// occurrences: control, target → occurrence key → record ids.
	occurrences map[[2]string]map[string][]string
	rep         *Report
}

// Build reads the store and the repository and builds the report.
func Build(ctx context.Context, o Options) (*Report, error) {
	if o.Store == nil {
		return nil, fmt.Errorf("report: no evidence store")
	}
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	now = now.UTC()
	if o.SocleVersion == "" {
		o.SocleVersion = evaluator.Version
	}
	if o.OPAVersion == "" {
		o.OPAVersion = policy.OPAVersion()
	}
	p := o.Period
	typeI := p.From.Equal(p.To)
	var notes []string
	// A period still running is reported through today: occurrences that
	// have not come yet are not missing.
	if today := now.Truncate(24 * time.Hour); p.To.After(today) {
		if today.Before(p.From) {
			return nil, fmt.Errorf("the period %s..%s has not started yet (today is %s)", p.From.Format(time.DateOnly), p.To.Format(time.DateOnly), today.Format(time.DateOnly))
		}
		notes = append(notes, fmt.Sprintf("The period ends after the report was generated (%s): it is reported through %s.", p.To.Format(time.DateOnly), today.Format(time.DateOnly)))
		p.To = today
		typeI = typeI || p.From.Equal(p.To)
	}
	g, err := gather(ctx, o.Store, p, typeI, o.PublicKey, o.Progress)
	if err != nil {
		return nil, err
	}
	b := &builder{o: o, p: p, typeI: typeI, g: g, controls: map[string]*controlMeta{}, objectives: map[string]*objectiveMeta{},
		byID: map[string]*record{}, files: map[string][]manualFile{}, occurrences: map[[2]string]map[string][]string{}}
	b.rep = &Report{ReportVersion: Version, Deviations: []Deviation{}, Waivers: []Waiver{}, CUECs: []CUEC{}, Subservices: []Subservice{},
		Samples: []Sample{}, Reperformance: []Reperformance{}, Evidence: []EvidenceEntry{}}
	if o.Repo == nil {
		notes = append(notes, "The policy repository did not load: the report is built from the records alone, so controls that never operated, waivers that matched nothing, CUECs and subservice organizations are not shown.")
	}
	if o.NoReperform {
		notes = append(notes, "Reperformance was not performed (--no-reperform).")
	}
	b.declared()
	obs, expected := b.observations()
	targets, err := b.targets(obs, expected)
	if err != nil {
		return nil, err
	}
	b.sections(targets)
	b.deviations()
	b.waivers()
	b.programme()
	b.samples()
	if !o.NoReperform {
		b.reperform(ctx)
	}
	b.procedures()
	if err := b.framework(); err != nil {
		return nil, err
	}
	b.coverage()
	b.evidenceIndex()
	b.cover(now, notes)
	b.summary()
	return b.rep, nil
}

// declared reads the repository's objectives and controls.
func (b *builder) declared() {
	r := b.o.Repo
	if r == nil {
		return
	}
	for _, o := range r.Objectives {
		b.objectives[o.Label] = &objectiveMeta{label: o.Label, ref: o.Ref, title: o.Title, description: o.Description, coso: o.COSO}
	}
	for _, c := range r.Controls {
		m := &controlMeta{label: c.Label, ref: c.Ref, title: c.Title, activity: c.Description, kind: KindAutomated,
			severity: c.Severity, frequency: c.Frequency, owner: c.Owner, policy: c.Policy, key: c.Key, declared: true,
			procedure: c.TestProcedure, decl: c}
		switch {
		case !c.Automated:
			m.kind = KindManual
		case c.PolicyStyle == "conftest":
			m.kind = KindConftest
		}
		if c.Objective != nil {
			m.objective = c.Objective.Label
		}
		b.controls[c.Label] = m
	}
}

// observations are the records' (and manual evidence files'), and the
// control targets the repository expects.
func (b *builder) observations() ([]period.Observation, []period.Expected) {
	var obs []period.Observation
	withRecords := map[string]bool{}
	for _, r := range b.g.records {
		b.byID[r.id] = r
		obs = append(obs, period.ObservationOf(r.id, r.rec))
		withRecords[r.rec.Control.Label] = true
		b.fromRecord(r.rec)
	}
	var expected []period.Expected
	if b.o.Repo == nil {
		return obs, nil
	}
	for _, c := range b.o.Repo.Controls {
		for _, t := range c.Targets {
			e := period.Expected{Control: c.Label, Ref: c.Ref, Target: t.Name, Frequency: c.Frequency}
			if c.Objective != nil {
				e.Objective, e.ObjectiveRef = c.Objective.Label, c.Objective.Ref
			}
			expected = append(expected, e)
		}
		// A manual control without records is judged on its evidence files.
		if !c.Automated && !withRecords[c.Label] {
			files := manualEvidence(b.o.Repo, c, b.p, b.typeI)
			b.files[c.Label] = files
			for _, f := range files {
				obs = append(obs, f.observation(c))
			}
		}
	}
	return obs, expected
}

// fromRecord fills in what the repository does not declare (a control or
// objective removed since, or no repository): the latest record wins.
func (b *builder) fromRecord(rec *evidence.Record) {
	if m := b.controls[rec.Control.Label]; m == nil || !m.declared {
		kind := KindAutomated
		switch {
		case rec.Policy.Style == "conftest":
			kind = KindConftest
		case rec.Policy.Package == "" && rec.Target.Name == evaluator.ManualTarget:
			kind = KindManual
		}
		b.controls[rec.Control.Label] = &controlMeta{label: rec.Control.Label, ref: rec.Control.Ref, title: rec.Control.Title,
			kind: kind, severity: rec.Control.Severity, frequency: rec.Control.Frequency, policy: rec.Policy.Package,
			key: rec.Control.Key, objective: rec.Objective.Label}
	}
	if o := b.objectives[rec.Objective.Label]; o == nil {
		b.objectives[rec.Objective.Label] = &objectiveMeta{label: rec.Objective.Label, ref: rec.Objective.Ref, title: rec.Objective.Label, coso: rec.COSO}
	}
}

// targets are the period results of every control and target.
func (b *builder) targets(obs []period.Observation, expected []period.Expected) ([]period.Control, error) {
	for _, o := range obs {
		if b.p.Contains(o.AsOf) || b.typeI {
			k := [2]string{o.Control, o.Target}
			if b.occurrences[k] == nil {
				b.occurrences[k] = map[string][]string{}
			}
			_, _, label, ok := period.OccurrenceOf(o.Frequency, o.AsOf)
			if b.typeI {
				label, ok = b.p.To.Format(time.DateOnly), true
			}
			if ok {
				b.occurrences[k][label] = append(b.occurrences[k][label], o.RecordID)
			}
		}
	}
	if !b.typeI {
		rep, err := period.EvaluateExpected(b.p, obs, expected)
		if err != nil {
			return nil, err
		}
		return rep.Controls, nil
	}
	return b.designTargets(obs, expected), nil
}

// designTargets are the Type I results: one occurrence, the as-of date,
// judged on the latest observation of each control and target.
func (b *builder) designTargets(obs []period.Observation, expected []period.Expected) []period.Control {
	type key struct{ control, target string }
	latest := map[key]period.Observation{}
	for _, o := range obs {
		k := key{o.Control, o.Target}
		if prev, ok := latest[k]; !ok || !o.AsOf.Before(prev.AsOf) {
			latest[k] = o
		}
	}
	for _, e := range expected {
		k := key{e.Control, e.Target}
		if _, ok := latest[k]; !ok {
			latest[k] = period.Observation{Objective: e.Objective, ObjectiveRef: e.ObjectiveRef, Control: e.Control, ControlRef: e.Ref, Target: e.Target, Frequency: e.Frequency}
		}
	}
	date := b.p.To.Format(time.DateOnly)
	var out []period.Control
	for _, o := range latest {
		c := period.Control{Objective: o.Objective, ObjectiveRef: o.ObjectiveRef, Control: o.Control, Ref: o.ControlRef, Target: o.Target,
			Frequency: o.Frequency, Occurrence: "date", Expected: 1,
			FailedOccurrences: []string{}, ErroredOccurrences: []string{}, MissingOccurrences: []string{}, Policies: []period.PolicyVersion{}, Waivers: []period.WaiverInForce{}}
		day := o.AsOf.Format(time.DateOnly)
		switch {
		case o.RecordID == "":
			c.Missing = 1
			c.MissingOccurrences = []string{date}
			c.Conclusion = fmt.Sprintf("Exceptions noted: no evidence of the control up to %s.", date)
		default:
			c.Covered, c.Records = 1, 1
			if o.PolicySHA256 != "" {
				c.Policies = append(c.Policies, period.PolicyVersion{SHA256: o.PolicySHA256, First: day, Last: day})
			}
			for _, w := range o.Waivers {
				c.Waivers = append(c.Waivers, period.WaiverInForce{Waiver: w, First: day, Last: day})
			}
			switch o.Status {
			case result.StatusFail:
				c.Failed = 1
				c.FailedOccurrences = []string{date}
				c.Conclusion = fmt.Sprintf("Exceptions noted: the control failed at its latest evaluation up to %s (%s).", date, day)
			case result.StatusError:
				c.Errored = 1
				c.ErroredOccurrences = []string{date}
				c.Conclusion = fmt.Sprintf("Exceptions noted: the control did not operate at its latest evaluation up to %s (%s).", date, day)
			default:
				c.Conclusion = "No exceptions noted."
			}
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b period.Control) int {
		return result.Order{ObjectiveRef: a.ObjectiveRef, ObjectiveLabel: a.Objective, ControlRef: a.Ref, ControlLabel: a.Control, Target: a.Target}.Compare(
			result.Order{ObjectiveRef: b.ObjectiveRef, ObjectiveLabel: b.Objective, ControlRef: b.Ref, ControlLabel: b.Control, Target: b.Target})
	})
	return out
}

// sections groups the targets into rows and the rows under their
// objectives, in result order; every objective the repository declares has
// a section, with or without controls.
func (b *builder) sections(targets []period.Control) {
	rows := map[string]*Row{}
	var order []string
	for _, t := range targets {
		r := rows[t.Control]
		if r == nil {
			r = b.row(t.Control)
			rows[t.Control] = r
			order = append(order, t.Control)
		}
		r.Targets = append(r.Targets, Target{Control: t})
	}
	byObjective := map[string][]*Row{}
	for _, label := range order {
		r := rows[label]
		b.finishRow(r)
		obj := b.controls[label].objective
		byObjective[obj] = append(byObjective[obj], r)
	}
	objs := make([]*objectiveMeta, 0, len(b.objectives))
	for _, o := range b.objectives {
		objs = append(objs, o)
	}
	slices.SortFunc(objs, func(a, c *objectiveMeta) int {
		return cmp.Or(result.CompareRef(a.ref, c.ref), strings.Compare(a.label, c.label))
	})
	b.rep.Sections = []Section{}
	for _, o := range objs {
		s := Section{Kind: "objective", Label: o.label, Ref: o.ref, Title: o.title, Description: o.description, COSO: o.coso,
			Controls: []Row{}, CUECs: []CUEC{}, CSOCs: []CSOC{}}
		if s.COSO == nil {
			s.COSO = []int{}
		}
		for _, r := range byObjective[o.label] {
			s.Controls = append(s.Controls, *r)
		}
		b.rep.Sections = append(b.rep.Sections, s)
	}
}

func (b *builder) row(label string) *Row {
	m := b.controls[label]
	activity := m.activity
	if activity == "" {
		activity = m.title
	}
	return &Row{Label: m.label, Ref: m.ref, Title: m.title, Kind: m.kind, Key: m.key, Severity: m.severity, Frequency: m.frequency,
		Owner: m.owner, Policy: m.policy, Activity: activity, Targets: []Target{}}
}

// finishRow totals the targets, writes the result and the days.
func (b *builder) finishRow(r *Row) {
	var parts []string // "on TARGET, the control failed on …"
	for i := range r.Targets {
		t := &r.Targets[i].Control
		r.Expected += t.Expected
		r.Covered += t.Covered
		r.Failed += t.Failed
		r.NotOperated += t.Errored + t.Missing
		r.Records += t.Records
		if t.Conclusion != "No exceptions noted." {
			r.Exceptions = true
		}
		what := "no exceptions"
		if t.Conclusion != "No exceptions noted." {
			what = strings.TrimSuffix(strings.TrimPrefix(t.Conclusion, "Exceptions noted: "), ".")
		}
		parts = append(parts, "on "+t.Target+", "+what)
		if b.typeI {
			r.Targets[i].Latest = b.latestEntry(t.Control, t.Target)
		}
	}
	switch {
	case !r.Exceptions:
		r.Result = "No exceptions noted."
	case len(r.Targets) == 1:
		r.Result = r.Targets[0].Conclusion
	default:
		r.Result = "Exceptions noted: " + strings.Join(parts, "; ") + "."
	}
	if r.Expected > 0 {
		r.PassRate = float64(r.Expected-r.Failed-r.NotOperated) / float64(r.Expected) * 100
	}
	if !b.typeI {
		r.Days = b.days(r)
	}
}

func (b *builder) latestEntry(control, target string) *EvidenceEntry {
	for _, ids := range b.occurrences[[2]string{control, target}] {
		for _, id := range ids {
			e := b.entry(id)
			return &e
		}
	}
	return nil
}

// days are the period's days for a row: the state of the occurrence that
// holds each day (the worst over its targets) and the day's pass rate.
func (b *builder) days(r *Row) []Day {
	rank := map[string]int{StateOK: 0, StateMissing: 1, StateErrored: 2, StateFailed: 3}
	type tally struct{ passed, population int }
	perDay := map[string]*tally{}
	for _, t := range r.Targets {
		for _, ids := range b.occurrences[[2]string{r.Label, t.Target}] {
			for _, id := range ids {
				rec := b.byID[id]
				if rec == nil || rec.rec.Population == nil || *rec.rec.Population == 0 {
					continue
				}
				day := rec.rec.AsOf.UTC().Format(time.DateOnly)
				if perDay[day] == nil {
					perDay[day] = &tally{}
				}
				perDay[day].population += *rec.rec.Population
				for _, v := range rec.rec.Verdicts {
					if v.Verdict != evidence.VerdictFail {
						perDay[day].passed++
					}
				}
			}
		}
	}
	var out []Day
	for d := b.p.From; !d.After(b.p.To); d = d.AddDate(0, 0, 1) {
		day := Day{Date: d.Format(time.DateOnly), State: StateOK}
		for _, t := range r.Targets {
			_, _, label, ok := period.OccurrenceOf(t.Frequency, d)
			if !ok {
				continue
			}
			st := StateOK
			switch {
			case slices.Contains(t.FailedOccurrences, label):
				st = StateFailed
			case slices.Contains(t.ErroredOccurrences, label):
				st = StateErrored
			case slices.Contains(t.MissingOccurrences, label):
				st = StateMissing
			}
			if rank[st] > rank[day.State] {
				day.State = st
			}
		}
		if t := perDay[day.Date]; t != nil {
			rate := float64(t.passed) / float64(t.population) * 100
			day.PassRate = &rate
		}
		out = append(out, day)
	}
	return out
}

// rows visits every row of every section.
func (b *builder) rows(visit func(s *Section, r *Row)) {
	for i := range b.rep.Sections {
		s := &b.rep.Sections[i]
		for j := range s.Controls {
			visit(s, &s.Controls[j])
		}
	}
}

// entry is the evidence index entry of a record or file id.
func (b *builder) entry(id string) EvidenceEntry {
	if r := b.byID[id]; r != nil {
		return EvidenceEntry{ID: r.id, SHA256: r.sha256, AsOf: r.rec.AsOf.UTC(), ObjectiveRef: r.rec.Objective.Ref, ControlRef: r.rec.Control.Ref,
			Control: r.rec.Control.Label, Target: r.rec.Target.Name, Status: r.rec.Status, PolicySHA256: r.rec.Policy.SHA256}
	}
	for label, files := range b.files {
		for _, f := range files {
			if "file:"+f.file == id {
				m := b.controls[label]
				e := EvidenceEntry{ID: id, SHA256: f.sha256, AsOf: f.date, ControlRef: m.ref, Control: label, Target: evaluator.ManualTarget, Status: result.StatusPass}
				if o := b.objectives[m.objective]; o != nil {
					e.ObjectiveRef = o.ref
				}
				if f.err != "" {
					e.Status = result.StatusError
				}
				return e
			}
		}
	}
	return EvidenceEntry{ID: id}
}

// evidenceIndex lists every record and evidence file the report rests on,
// oldest first, then in result order.
func (b *builder) evidenceIndex() {
	var ids []string
	for _, r := range b.g.records {
		ids = append(ids, r.id)
	}
	for _, files := range b.files {
		for _, f := range files {
			ids = append(ids, "file:"+f.file)
		}
	}
	for _, id := range ids {
		b.rep.Evidence = append(b.rep.Evidence, b.entry(id))
	}
	slices.SortStableFunc(b.rep.Evidence, func(x, y EvidenceEntry) int {
		return cmp.Or(x.AsOf.Compare(y.AsOf),
			result.Order{ObjectiveRef: x.ObjectiveRef, ControlRef: x.ControlRef, ControlLabel: x.Control, Target: x.Target}.Compare(
				result.Order{ObjectiveRef: y.ObjectiveRef, ControlRef: y.ControlRef, ControlLabel: y.Control, Target: y.Target}),
			strings.Compare(x.ID, y.ID))
	})
}

func (b *builder) cover(now time.Time, notes []string) {
	c := Cover{Type: TypeII, From: b.p.From.Format(time.DateOnly), To: b.p.To.Format(time.DateOnly), GeneratedAt: now,
		SocleVersion: b.o.SocleVersion, OPAVersion: b.o.OPAVersion, RecordedWith: []string{}, Signatures: b.g.sigs, Notes: notes}
	if b.typeI {
		c.Type = TypeI
	}
	if c.Notes == nil {
		c.Notes = []string{}
	}
	if r := b.o.Repo; r != nil {
		c.Organization, c.System = r.Settings.Organization, r.Settings.System
	}
	seen := map[string]bool{}
	for _, r := range b.g.runs {
		if c.Organization == "" {
			c.Organization = r.Header.Organization
		}
		if c.System == "" {
			c.System = r.Header.System
		}
		v := fmt.Sprintf("socle %s, OPA %s", r.Header.SocleVersion, r.Header.OPAVersion)
		if !seen[v] {
			seen[v] = true
			c.RecordedWith = append(c.RecordedWith, v)
		}
	}
	slices.Sort(c.RecordedWith)
	v := b.g.verify
	c.Store = StoreStatus{Location: b.o.Store.Location(), HeadSeq: b.g.head.Seq, HeadHash: b.g.head.Hash, Verified: true,
		Verification: fmt.Sprintf("The hash chain was verified in full when the report was generated: %s, %s and %s intact, head #%d.",
			plural(v.Runs, "run", "runs"), plural(v.Records, "record", "records"), plural(v.Blobs, "blob", "blobs"), v.Head.Seq),
		Runs: len(b.g.runs), Records: len(b.g.records)}
	b.rep.Cover = c
	h := Headings{}
	get := func(key string) string {
		if r := b.o.Repo; r != nil {
			if s, ok := r.Settings.ReportHeadings[key]; ok {
				return s
			}
		}
		return DefaultHeadings[key]
	}
	h.Objective, h.Ref, h.Activity, h.Test, h.Result = get("objective"), get("ref"), get("activity"), get("test"), get("result")
	b.rep.Headings = h
}

func (b *builder) summary() {
	s := Summary{Objectives: len(b.rep.Sections), Deviations: len(b.rep.Deviations), Waivers: len(b.rep.Waivers),
		Records: len(b.g.records), Samples: len(b.rep.Samples)}
	b.rows(func(_ *Section, r *Row) {
		s.Controls++
		if r.Exceptions {
			s.ControlsWithExceptions++
		}
		if r.Key {
			s.KeyControls++
		}
		s.Expected += r.Expected
		s.Covered += r.Covered
		s.Failed += r.Failed
		s.NotOperated += r.NotOperated
	})
	for _, rp := range b.rep.Reperformance {
		s.Reperformed++
		if rp.Outcome != OutcomeIdentical {
			s.Different++
		}
	}
	b.rep.Summary = s
}
