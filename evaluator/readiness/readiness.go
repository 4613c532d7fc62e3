// Package readiness is the assessment a service organization makes before
// its auditor arrives (socle readiness): per objective and control, whether
// the control is documented (description, owner, frequency, test
// procedure), designed (its policy compiles, tests exist and pass, its
// providers are configured), operating (the evidence store holds a record for
// every occurrence its frequency expects over the last days, none failed or
// errored), and whether its waivers are about to expire; a verdict per
// objective and overall, and the list of actions that close each gap.
//
// The model (Assessment) is built once (Build) and every format is a view of
// it (render.go). It reads the loaded repository (evaluator.Repo), the store
// (evaluator/store) and the period engine (evaluator/period); only cmd
// imports it.
package readiness

import (
	"context"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/period"
	"github.com/socle-dev/socle/evaluator/policy"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/socle-dev/socle/evaluator/store"
)

// Version is the version of the assessment's shape (the json format).
const Version = "1"

// Areas: what a gap is about.
const (
	AreaObjective     = "objective"
	AreaDocumentation = "documentation"
	AreaDesign        = "design"
	AreaOperation     = "operation"
	AreaWaiver        = "waiver"
	AreaRisk          = "risk"
	AreaStore         = "store"
)

// areaOrder orders gaps and the verdict's counts.
var areaOrder = []string{AreaStore, AreaObjective, AreaDocumentation, AreaDesign, AreaOperation, AreaWaiver, AreaRisk}

// Waiver states.
const (
	WaiverOpen     = "open"     // in force, expiring later than the horizon
	WaiverExpiring = "expiring" // in force, expiring within the horizon
	WaiverExpired  = "expired"  // expired and still declared
)

// Options are what an assessment reads.
type Options struct {
	Repo *evaluator.Repo
	// Store is the evidence store; nil when there is none (every control
	// then lacks evidence).
	Store store.Store
	// AsOf is the assessment's date: the window is the Days days that end
	// with it (the day included).
	AsOf time.Time
	Days int
	// Within is how many days ahead a waiver's expiry is a gap (30).
	Within int
	// TestTimeout limits each Rego test and test block (default 10s).
	TestTimeout time.Duration
}

// Assessment is the whole readiness assessment: what every format shows.
type Assessment struct {
	ReadinessVersion string `json:"readiness_version"`
	Organization     string `json:"organization"`
	System           string `json:"system"`
	// AsOf and From are the window's last and first days (YYYY-MM-DD).
	AsOf   string `json:"as_of"`
	From   string `json:"from"`
	Days   int    `json:"days"`
	Within int    `json:"waiver_horizon_days"`
	Store  string `json:"store"`
	// Ready: every objective is ready and nothing is wrong overall.
	Ready bool `json:"ready"`
	// Verdict is "ready" or "gaps: …" with the count of gaps per area.
	Verdict    string      `json:"verdict"`
	Summary    Summary     `json:"summary"`
	Gaps       []Gap       `json:"gaps"` // overall: the store, risks without objective
	Objectives []Objective `json:"objectives"`
	// Risks are the register's risks without an effective mitigation
	// (evaluator.Repo.RiskGaps, judged on the latest record of each control
	// in the window).
	Risks []evaluator.RiskGap `json:"risks_unmitigated"`
	// Actions are every gap's action, in objective and control order.
	Actions []Action `json:"actions"`
}

// Summary counts.
type Summary struct {
	Objectives      int `json:"objectives"`
	ObjectivesReady int `json:"objectives_ready"`
	Controls        int `json:"controls"`
	ControlsReady   int `json:"controls_ready"`
	Gaps            int `json:"gaps"`
	WaiversExpiring int `json:"waivers_expiring"`
	// RisksUnmitigated counts the risks of the register that no control
	// mitigates or whose mitigating controls do not operate.
	RisksUnmitigated int `json:"risks_unmitigated"`
}

// Gap is one thing that is not ready, and what to do about it.
type Gap struct {
	Area    string `json:"area"`
	Problem string `json:"problem"`
	Action  string `json:"action"`
}

// Action is a gap's action with where it applies.
type Action struct {
	Objective string `json:"objective"` // ref (label when it has none); "" overall
	Control   string `json:"control"`   // ref and label; "" for the objective or overall
	Owner     string `json:"owner"`
	Area      string `json:"area"`
	Problem   string `json:"problem"`
	Action    string `json:"action"`
}

// Objective is one control objective and its controls.
type Objective struct {
	Label    string    `json:"label"`
	Ref      string    `json:"ref"`
	Title    string    `json:"title"`
	Ready    bool      `json:"ready"`
	Verdict  string    `json:"verdict"`
	Gaps     []Gap     `json:"gaps"` // the objective's own: no control, risks unmitigated
	Controls []Control `json:"controls"`
}

// Control is one control instance.
type Control struct {
	Label      string        `json:"label"`
	Ref        string        `json:"ref"`
	Title      string        `json:"title"`
	Owner      string        `json:"owner"`
	Frequency  string        `json:"frequency"`
	Automated  bool          `json:"automated"`
	Ready      bool          `json:"ready"`
	Documented Documentation `json:"documented"`
	Designed   Design        `json:"designed"`
	Operating  Operation     `json:"operating"`
	Waivers    []Waiver      `json:"waivers"`
	Gaps       []Gap         `json:"gaps"`
}

// Documentation is whether the control is written down.
type Documentation struct {
	OK             bool `json:"ok"`
	Description    bool `json:"description"`
	Owner          bool `json:"owner"`
	Frequency      bool `json:"frequency"` // stated, not the default
	TestProcedure  bool `json:"test_procedure"`
	DerivedProcess bool `json:"test_procedure_derived"` // socle report derives it (automated controls)
}

// Design is whether the control can operate as designed.
type Design struct {
	OK bool `json:"ok"`
	// Policy is the Rego package ("" for a manual control); PolicyCompiles
	// whether the repository's policies compiled with it.
	Policy         string   `json:"policy"`
	PolicyCompiles bool     `json:"policy_compiles"`
	RegoTests      int      `json:"rego_tests"`
	RegoFailed     []string `json:"rego_tests_failed"` // package.test_name
	TestBlocks     int      `json:"test_blocks"`
	TestsFailed    []string `json:"test_blocks_failed"` // test.NAME
	// Targets are the targets the control is evaluated on (provider
	// instances; "evidence" for a manual control).
	Targets []string `json:"targets"`
	// EvidenceFiles is a manual control's evidence files, declared or found.
	EvidenceFiles int `json:"evidence_files"`
}

// Operation is the evidence of the window, per target.
type Operation struct {
	OK      bool              `json:"ok"`
	Targets []TargetOperation `json:"targets"`
}

// TargetOperation is one target's occurrences in the window.
type TargetOperation struct {
	Target string `json:"target"`
	// From is the first day read: the window's, moved back to the start of
	// the occurrence that holds it (a quarterly control performed early in
	// the quarter counts).
	From       string   `json:"from"`
	Occurrence string   `json:"occurrence"` // day, week, month, quarter, year
	Expected   int      `json:"expected"`
	Covered    int      `json:"covered"`
	Failed     []string `json:"failed"`
	Errored    []string `json:"errored"`
	Missing    []string `json:"missing"`
	// Due names the occurrence that holds the as-of date when it has no
	// record yet: still open, so not a gap.
	Due     string `json:"due,omitempty"`
	Records int    `json:"records"`
	// Latest is the status of the latest record ("" when there is none),
	// made at LatestAt.
	Latest   result.Status `json:"latest"`
	LatestAt string        `json:"latest_at,omitempty"`
}

// Waiver is a waiver of the control, open or expired.
type Waiver struct {
	Label     string   `json:"label"`
	Resources []string `json:"resources"` // nil: every finding
	Expires   string   `json:"expires"`
	DaysLeft  int      `json:"days_left"` // negative: expired that many days ago
	State     string   `json:"state"`
	Ticket    string   `json:"ticket"`
}

// Build makes the assessment.
func Build(ctx context.Context, o Options) (*Assessment, error) {
	if o.Days <= 0 {
		return nil, fmt.Errorf("the window must be at least one day (--days %d)", o.Days)
	}
	if o.Within <= 0 {
		o.Within = 30
	}
	if o.TestTimeout <= 0 {
		o.TestTimeout = 10 * time.Second
	}
	repo := o.Repo
	asOf := o.AsOf.UTC()
	day := time.Date(asOf.Year(), asOf.Month(), asOf.Day(), 0, 0, 0, 0, time.UTC)
	from := day.AddDate(0, 0, 1-o.Days)
	a := &Assessment{
		ReadinessVersion: Version, Organization: repo.Settings.Organization, System: repo.Settings.System,
		AsOf: day.Format(time.DateOnly), From: from.Format(time.DateOnly), Days: o.Days, Within: o.Within,
		Gaps: []Gap{}, Objectives: []Objective{}, Actions: []Action{}, Risks: []evaluator.RiskGap{},
	}

	// What the store holds, from the earliest day any control's window reads.
	var infos []store.RecordInfo
	if o.Store == nil {
		a.Store = "none"
		a.Gaps = append(a.Gaps, Gap{AreaStore, "there is no evidence store, so no control has evidence of operating",
			"run socle eval --record on a schedule (see docs/evidence-store.md) so that each control's occurrences are recorded"})
	} else {
		a.Store = o.Store.Location()
		v, err := o.Store.Verify(ctx)
		if err != nil {
			return nil, err
		}
		if v.Problem != nil {
			a.Gaps = append(a.Gaps, Gap{AreaStore, "the evidence store is not intact: " + v.Problem.Message,
				"find out what altered the store (socle evidence verify shows where) before the auditor relies on it"})
		}
		earliest := from
		for _, f := range evaluator.Frequencies {
			if s, _, _, ok := period.OccurrenceOf(f, from); ok && s.Before(earliest) {
				earliest = s
			}
		}
		if infos, err = o.Store.Records(ctx, store.Filter{From: earliest, To: day.AddDate(0, 0, 1)}); err != nil {
			return nil, err
		}
	}
	byControl := map[string][]store.RecordInfo{}
	for _, ri := range infos {
		byControl[ri.Control] = append(byControl[ri.Control], ri)
	}

	tests, err := runTests(ctx, repo, asOf, o.TestTimeout)
	if err != nil {
		return nil, err
	}

	controls := map[string][]*evaluator.Control{}
	for _, c := range repo.Controls {
		if c.Objective != nil {
			controls[c.Objective.Label] = append(controls[c.Objective.Label], c)
		}
	}
	objs := make([]*evaluator.Objective, 0, len(repo.Objectives))
	for _, ob := range repo.Objectives {
		objs = append(objs, ob)
	}
	slices.SortFunc(objs, func(x, y *evaluator.Objective) int {
		if c := result.CompareRef(x.Ref, y.Ref); c != 0 {
			return c
		}
		return strings.Compare(x.Label, y.Label)
	})
	for _, ob := range objs {
		out := Objective{Label: ob.Label, Ref: ob.Ref, Title: ob.Title, Gaps: []Gap{}, Controls: []Control{}}
		if len(controls[ob.Label]) == 0 {
			out.Gaps = append(out.Gaps, Gap{AreaObjective, "no control addresses the objective",
				fmt.Sprintf("declare a control with objective = objective.%s, or remove the objective from the description", ob.Label)})
		}
		for _, c := range controls[ob.Label] {
			ctl, err := assessControl(repo, c, byControl[c.Label], tests, from, day, o.Within)
			if err != nil {
				return nil, err
			}
			out.Controls = append(out.Controls, ctl)
		}
		a.Objectives = append(a.Objectives, out)
	}
	a.risks(repo)
	a.conclude()
	return a, nil
}

// risks adds a gap for each risk of the register that no control mitigates,
// or whose mitigating controls all failed, errored, tested nothing or have no
// record in the window: under each objective the risk threatens.
func (a *Assessment) risks(repo *evaluator.Repo) {
	latest := evaluator.Statuses{}
	for _, ob := range a.Objectives {
		for _, c := range ob.Controls {
			for _, t := range c.Operating.Targets {
				switch {
				case t.Latest != "":
					latest.Add(c.Label, t.Latest)
				case !c.Automated && t.Covered > 0 && len(t.Errored) == 0:
					latest.Add(c.Label, result.StatusPass) // a dated evidence file
				}
			}
		}
	}
	byLabel := map[string]*evaluator.Risk{}
	for _, rk := range repo.Risks {
		byLabel[rk.Label] = rk
	}
	for _, g := range repo.RiskGaps(latest) {
		a.Risks = append(a.Risks, g)
		name := strings.TrimSpace(g.Ref + " " + g.Risk)
		gap := Gap{Area: AreaRisk}
		if g.Reason == "unmitigated" {
			gap.Problem = fmt.Sprintf("the risk %s (%s) has no mitigating control", name, g.Title)
			gap.Action = fmt.Sprintf("name the controls that mitigate risk %s (mitigated_by = [control.…]), or design one", g.Risk)
		} else {
			var cs []string
			for _, c := range g.Controls {
				cs = append(cs, c.Control+" "+c.Status)
			}
			gap.Problem = fmt.Sprintf("no control mitigating the risk %s (%s) operates: %s", name, g.Title, strings.Join(cs, ", "))
			gap.Action = fmt.Sprintf("make at least one control that mitigates risk %s pass (remediate it, or record its runs)", g.Risk)
		}
		placed := false
		if rk := byLabel[g.Risk]; rk != nil {
			for _, o := range rk.Objectives {
				for i := range a.Objectives {
					if a.Objectives[i].Label == o.Label {
						a.Objectives[i].Gaps = append(a.Objectives[i].Gaps, gap)
						placed = true
					}
				}
			}
		}
		if !placed {
			a.Gaps = append(a.Gaps, gap)
		}
	}
	a.Summary.RisksUnmitigated = len(a.Risks)
}

// testOutcomes are the repository's tests, run once.
type testOutcomes struct {
	rules  []policy.TestRule
	failed map[string]bool // package.name of each failing Rego test
	blocks []evaluator.TestOutcome
}

func runTests(ctx context.Context, repo *evaluator.Repo, asOf time.Time, timeout time.Duration) (*testOutcomes, error) {
	t := &testOutcomes{rules: policy.TestRules(repo.FS, repo.Settings.PoliciesDir), failed: map[string]bool{}}
	results, _, diags := policy.RunTests(ctx, repo.FS, repo.Settings.PoliciesDir, repo.Dir, timeout)
	if diags.HasErrors() {
		return nil, fmt.Errorf("the Rego tests cannot run: %s (socle test shows where)", diags.Error())
	}
	for _, r := range results {
		if !r.Pass {
			t.failed[r.Package+"."+r.Name] = true
		}
	}
	t.blocks = repo.RunTests(ctx, asOf, timeout)
	return t, nil
}

func assessControl(repo *evaluator.Repo, c *evaluator.Control, recs []store.RecordInfo, tests *testOutcomes, from, day time.Time, within int) (Control, error) {
	out := Control{Label: c.Label, Ref: c.Ref, Title: c.Title, Owner: c.Owner, Frequency: c.Frequency, Automated: c.Automated,
		Waivers: []Waiver{}, Gaps: []Gap{}}
	gap := func(area, problem, action string) { out.Gaps = append(out.Gaps, Gap{area, problem, action}) }

	// Documented.
	d := Documentation{Description: c.Description != "", Owner: c.Owner != "", Frequency: c.FrequencySet,
		TestProcedure: c.TestProcedure != "", DerivedProcess: c.TestProcedure == "" && c.Automated}
	if !d.Description {
		gap(AreaDocumentation, "no description of the control activity", "write the control's description: what is done, by whom or by what, and how exceptions are handled")
	}
	if !d.Owner {
		gap(AreaDocumentation, "no owner", `name the person or team accountable for the control (owner = "…")`)
	}
	if !d.Frequency {
		gap(AreaDocumentation, "no stated frequency (continuous is assumed)", `state how often the control operates (frequency = "daily", "weekly", …)`)
	}
	if !d.TestProcedure && !d.DerivedProcess {
		gap(AreaDocumentation, "no test procedure for a manual control", "write the test_procedure the auditor will follow to test the control")
	}
	d.OK = d.Description && d.Owner && d.Frequency && (d.TestProcedure || d.DerivedProcess)
	out.Documented = d

	// Designed.
	g := Design{Policy: c.Policy, Targets: []string{}, RegoFailed: []string{}, TestsFailed: []string{}}
	for _, t := range c.Targets {
		g.Targets = append(g.Targets, t.Name)
	}
	if c.Automated {
		g.PolicyCompiles = c.Policy != "" && repo.Policies.HasPackage(c.Policy)
		if !g.PolicyCompiles {
			gap(AreaDesign, fmt.Sprintf("the policy %s is not among the compiled policies", c.Policy), "fix the policy until socle validate accepts it")
		}
		for _, r := range tests.rules {
			if r.Tests(c.Policy) {
				g.RegoTests++
				if tests.failed[r.Package+"."+r.Name] {
					g.RegoFailed = append(g.RegoFailed, r.Package+"."+r.Name)
				}
			}
		}
		for _, t := range tests.blocks {
			if t.Test.Control.Addr.Name == c.Addr.Name {
				g.TestBlocks++
				if !t.Pass() {
					g.TestsFailed = append(g.TestsFailed, "test."+t.Test.Label)
				}
			}
		}
		slices.Sort(g.RegoFailed)
		slices.Sort(g.TestsFailed)
		if g.RegoTests+g.TestBlocks == 0 {
			gap(AreaDesign, "no test: neither a Rego unit test nor a test block covers the control",
				fmt.Sprintf("write a Rego unit test of %s, or a test block with a passing and a failing snapshot (socle test runs both)", c.Policy))
		}
		if failed := append(slices.Clone(g.RegoFailed), g.TestsFailed...); len(failed) > 0 {
			gap(AreaDesign, "failing tests: "+strings.Join(failed, ", "), "fix the policy or the tests until socle test passes")
		}
		if len(c.Targets) == 0 {
			gap(AreaDesign, "no provider target: the control evaluates nothing", "configure the providers the control reads (providers = [...])")
		}
	} else {
		files, _ := repo.EvidenceFiles(c)
		g.EvidenceFiles = len(files)
	}
	g.OK = !slices.ContainsFunc(out.Gaps, func(x Gap) bool { return x.Area == AreaDesign })
	out.Designed = g

	// Operating.
	op, err := operation(repo, c, recs, from, day)
	if err != nil {
		return out, err
	}
	out.Operating = op
	for _, t := range op.Targets {
		on := ""
		if len(op.Targets) > 1 || t.Target != evaluator.ManualTarget {
			on = " on " + t.Target
		}
		if t.Records == 0 && t.Due == "" && t.Covered == 0 {
			gap(AreaOperation, fmt.Sprintf("no evidence%s since %s", on, t.From), evidenceAction(c))
			continue
		}
		if len(t.Missing) > 0 {
			gap(AreaOperation, fmt.Sprintf("did not operate%s on %d of %d %s (%s)", on, len(t.Missing), t.Expected, plural(t.Occurrence, t.Expected), Spans(t.Missing)),
				"explain each missing occurrence (a documented outage, a holiday) or show the evidence; make sure the schedule runs socle eval --record")
		}
		if len(t.Errored) > 0 {
			gap(AreaOperation, fmt.Sprintf("errored%s on %s (%s)", on, count(len(t.Errored), t.Occurrence), Spans(t.Errored)),
				"fix what kept the control from operating (an unreadable or stale input, a time limit) and document it")
		}
		if len(t.Failed) > 0 {
			gap(AreaOperation, fmt.Sprintf("failed%s on %s (%s)", on, count(len(t.Failed), t.Occurrence), Spans(t.Failed)),
				"investigate each failure, remediate it and keep the ticket: the auditor will note it as an exception")
		}
		switch {
		case t.Latest == result.StatusFail || t.Latest == result.StatusError:
			gap(AreaOperation, fmt.Sprintf("the latest record%s (%s) is %s", on, t.LatestAt, t.Latest),
				"remediate now and record a passing run (socle explain shows what fails)")
		case t.Latest == result.StatusNotTested && !c.Automated:
			gap(AreaOperation, fmt.Sprintf("the latest record (%s) found no evidence file: not_tested", t.LatestAt), evidenceAction(c))
		case t.Latest == result.StatusNotTested:
			gap(AreaOperation, fmt.Sprintf("the latest record%s (%s) tested nothing: not_tested, an empty population", on, t.LatestAt),
				"check that the snapshot holds the population (an expect { min_items } block on the provider makes an empty export an error)")
		}
	}
	out.Operating.OK = !slices.ContainsFunc(out.Gaps, func(x Gap) bool { return x.Area == AreaOperation })

	// Waivers.
	for _, w := range repo.Waivers {
		if w.Control.Name != c.Addr.Name || (w.Control.Key != addrs.NoKey && w.Control.Key != c.Addr.Key) {
			continue
		}
		left := int(w.Expires.Sub(day.AddDate(0, 0, 1)).Hours() / 24)
		if !w.Expires.After(day.AddDate(0, 0, 1)) {
			left = -int(day.AddDate(0, 0, 1).Sub(w.Expires).Hours() / 24)
		}
		st := Waiver{Label: w.Label, Resources: w.Resources, Expires: w.ExpiresRaw, DaysLeft: left, Ticket: w.Ticket}
		switch {
		case !day.Before(w.Expires):
			st.State = WaiverExpired
			gap(AreaWaiver, fmt.Sprintf("the waiver %s expired on %s", w.Label, w.ExpiresRaw),
				fmt.Sprintf("remove the waiver %s (the exception is over) or renew it with a new approval", w.Label))
		case left <= within: // the last day it applies is within the horizon
			st.State = WaiverExpiring
			gap(AreaWaiver, fmt.Sprintf("the waiver %s expires on %s (%s)", w.Label, w.ExpiresRaw, daysLeft(left)),
				fmt.Sprintf("remediate %s before %s, or renew the waiver with a new approval", resourcesOf(w.Resources), w.ExpiresRaw))
		default:
			st.State = WaiverOpen
		}
		out.Waivers = append(out.Waivers, st)
	}
	out.Ready = len(out.Gaps) == 0
	return out, nil
}

// operation reads a control's records (and a manual control's evidence
// files) against its frequency from the start of the occurrence that holds
// the window's first day to the as-of day.
func operation(repo *evaluator.Repo, c *evaluator.Control, recs []store.RecordInfo, from, day time.Time) (Operation, error) {
	start, _, _, ok := period.OccurrenceOf(c.Frequency, from)
	if !ok {
		return Operation{}, fmt.Errorf("control %s has an unknown frequency %q", c.Label, c.Frequency)
	}
	p := period.Period{From: start, To: day}
	var obs []period.Observation
	latest := map[string]store.RecordInfo{}
	for _, ri := range recs {
		if !p.Contains(ri.AsOf) {
			continue
		}
		obs = append(obs, period.Observation{RecordID: ri.ID, Control: c.Label, ControlRef: c.Ref, Target: ri.Target,
			Frequency: c.Frequency, AsOf: ri.AsOf.UTC(), Status: ri.Status})
		if prev, ok := latest[ri.Target]; !ok || !ri.AsOf.Before(prev.AsOf) {
			latest[ri.Target] = ri
		}
	}
	if !c.Automated {
		files, _ := repo.EvidenceFiles(c)
		for _, f := range files {
			if !p.Contains(f.Date) {
				continue
			}
			st := result.StatusPass
			if _, err := fs.Stat(repo.FS, f.File); err != nil {
				st = result.StatusError
			}
			obs = append(obs, period.Observation{RecordID: "file:" + f.File, Control: c.Label, ControlRef: c.Ref,
				Target: evaluator.ManualTarget, Frequency: c.Frequency, AsOf: f.Date, Status: st})
		}
	}
	var expected []period.Expected
	for _, t := range c.Targets {
		expected = append(expected, period.Expected{Control: c.Label, Ref: c.Ref, Target: t.Name, Frequency: c.Frequency})
	}
	rep, err := period.EvaluateExpected(p, obs, expected)
	if err != nil {
		return Operation{}, err
	}
	_, _, openLabel, _ := period.OccurrenceOf(c.Frequency, day)
	op := Operation{Targets: []TargetOperation{}}
	declared := map[string]bool{}
	for _, t := range c.Targets {
		declared[t.Name] = true
	}
	for _, pc := range rep.Controls {
		if !declared[pc.Target] {
			continue // a target the control no longer has
		}
		t := TargetOperation{Target: pc.Target, From: start.Format(time.DateOnly), Occurrence: pc.Occurrence, Expected: pc.Expected,
			Covered: pc.Covered, Failed: pc.FailedOccurrences, Errored: pc.ErroredOccurrences, Missing: []string{}, Records: pc.Records}
		for _, m := range pc.MissingOccurrences {
			if m == openLabel {
				t.Due = m
				continue
			}
			t.Missing = append(t.Missing, m)
		}
		if ri, ok := latest[pc.Target]; ok {
			t.Latest, t.LatestAt = ri.Status, ri.AsOf.UTC().Format(time.RFC3339)
		}
		op.Targets = append(op.Targets, t)
	}
	return op, nil
}

func evidenceAction(c *evaluator.Control) string {
	if !c.Automated {
		return fmt.Sprintf("perform the control and add its dated evidence file (an evidence block, or evidence/%s/YYYY-MM-DD-….pdf)", c.Addr.Name)
	}
	return "run socle eval --record on the control's schedule so that each occurrence is recorded"
}

// conclude sets the verdicts, the summary and the actions.
func (a *Assessment) conclude() {
	all := map[string]int{}
	for _, g := range a.Gaps {
		all[g.Area]++
		a.Actions = append(a.Actions, Action{Area: g.Area, Problem: g.Problem, Action: g.Action})
	}
	for i := range a.Objectives {
		ob := &a.Objectives[i]
		counts := map[string]int{}
		objName := ob.Ref
		if objName == "" {
			objName = ob.Label
		}
		for _, g := range ob.Gaps {
			counts[g.Area]++
			a.Actions = append(a.Actions, Action{Objective: objName, Area: g.Area, Problem: g.Problem, Action: g.Action})
		}
		for _, c := range ob.Controls {
			a.Summary.Controls++
			if c.Ready {
				a.Summary.ControlsReady++
			}
			for _, w := range c.Waivers {
				if w.State == WaiverExpiring {
					a.Summary.WaiversExpiring++
				}
			}
			for _, g := range c.Gaps {
				counts[g.Area]++
				a.Actions = append(a.Actions, Action{Objective: objName, Control: strings.TrimSpace(c.Ref + " " + c.Label), Owner: c.Owner, Area: g.Area, Problem: g.Problem, Action: g.Action})
			}
		}
		ob.Ready = len(counts) == 0
		ob.Verdict = verdict(counts)
		a.Summary.Objectives++
		if ob.Ready {
			a.Summary.ObjectivesReady++
		}
		for k, n := range counts {
			all[k] += n
		}
	}
	for _, n := range all {
		a.Summary.Gaps += n
	}
	a.Ready = len(all) == 0
	a.Verdict = verdict(all)
}

// verdict is "ready" or "gaps: 2 design, 1 operation".
func verdict(counts map[string]int) string {
	if len(counts) == 0 {
		return "ready"
	}
	var parts []string
	for _, area := range areaOrder {
		if n := counts[area]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, area))
		}
	}
	return "gaps: " + strings.Join(parts, ", ")
}

func plural(unit string, n int) string {
	if n == 1 {
		return unit
	}
	return unit + "s"
}

func count(n int, unit string) string { return fmt.Sprintf("%d %s", n, plural(unit, n)) }

func daysLeft(n int) string {
	switch n {
	case 0:
		return "the last day it applies is today"
	case 1:
		return "1 day left"
	}
	return fmt.Sprintf("%d days left", n)
}

func resourcesOf(rs []string) string {
	if rs == nil {
		return "the findings it covers"
	}
	return strings.Join(rs, ", ")
}

// Spans writes occurrence labels with runs of consecutive days, ISO weeks,
// months or quarters joined into ranges ("2026-09-08 to 2026-12-05,
// 2026-12-07"), so a control that never ran reads as one span rather than
// ninety dates. Labels it cannot place (years) are listed as they are.
func Spans(labels []string) string {
	var out []string
	for i := 0; i < len(labels); {
		j := i
		for j+1 < len(labels) && nextOccurrence(labels[j], labels[j+1]) {
			j++
		}
		switch {
		case j == i:
			out = append(out, labels[i])
		case j == i+1:
			out = append(out, labels[i], labels[j])
		default:
			out = append(out, labels[i]+" to "+labels[j])
		}
		i = j + 1
	}
	return strings.Join(out, ", ")
}

// nextOccurrence reports whether b is the occurrence right after a: the next
// day (2006-01-02), ISO week (2006-W01), month (2006-01) or quarter (2006-Q1).
func nextOccurrence(a, b string) bool {
	if x, err := time.Parse(time.DateOnly, a); err == nil {
		y, err := time.Parse(time.DateOnly, b)
		return err == nil && x.AddDate(0, 0, 1).Equal(y)
	}
	if x, err := time.Parse("2006-01", a); err == nil {
		y, err := time.Parse("2006-01", b)
		return err == nil && x.AddDate(0, 1, 0).Equal(y)
	}
	if x, ok := isoWeekMonday(a); ok {
		y, ok := isoWeekMonday(b)
		return ok && x.AddDate(0, 0, 7).Equal(y)
	}
	var ya, qa, yb, qb int
	if n, _ := fmt.Sscanf(a, "%d-Q%d", &ya, &qa); n == 2 {
		if n, _ := fmt.Sscanf(b, "%d-Q%d", &yb, &qb); n == 2 {
			return yb*4+qb-1 == ya*4+qa
		}
	}
	return false
}

// isoWeekMonday returns the Monday of an ISO week label (2026-W12): week 1
// is the week that holds the 4th of January.
func isoWeekMonday(label string) (time.Time, bool) {
	var year, week int
	if n, err := fmt.Sscanf(label, "%4d-W%2d", &year, &week); n != 2 || err != nil || week < 1 || week > 53 {
		return time.Time{}, false
	}
	jan4 := time.Date(year, time.January, 4, 0, 0, 0, 0, time.UTC)
	monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(week-1))
	if y, w := monday.ISOWeek(); y != year || w != week {
		return time.Time{}, false // week 53 of a year that has 52
	}
	return monday, true
}
