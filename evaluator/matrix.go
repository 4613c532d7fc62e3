package evaluator

import (
	"sort"
	"strings"
	"time"

	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/policy"
	"github.com/socle-dev/socle/evaluator/result"
)

// Matrix is the control matrix auditors ask for first, and the gaps in it.
type Matrix struct {
	Rows []MatrixRow `json:"rows"`
	// CUECs and Subservices are what the service organization's description
	// says user entities and subservice organizations must do.
	CUECs       []MatrixCUEC       `json:"cuecs"`
	Subservices []MatrixSubservice `json:"subservice_organizations"`
	// Risks is the risk register, with each mitigating control's latest
	// status once WithStatuses has judged them.
	Risks []MatrixRisk `json:"risks"`
	Gaps  Gaps         `json:"gaps"`
}

// MatrixRisk is one risk of the register.
type MatrixRisk struct {
	Ref         string              `json:"ref"`
	Label       string              `json:"label"`
	Title       string              `json:"title"`
	Description string              `json:"description"`
	Likelihood  int                 `json:"likelihood"`
	Impact      int                 `json:"impact"`
	Score       int                 `json:"score"`
	Rating      string              `json:"rating"`
	Objectives  []string            `json:"objectives"` // objective refs
	COSO        []int               `json:"coso"`
	Fraud       bool                `json:"fraud"`
	MitigatedBy []MitigationControl `json:"mitigated_by"` // status "" until judged
}

// MatrixCUEC is a complementary user entity control and the objectives it
// supports.
type MatrixCUEC struct {
	Ref         string   `json:"ref"`
	Label       string   `json:"label"`
	Description string   `json:"description"`
	Objectives  []string `json:"objectives"` // objective refs
}

// MatrixSubservice is a subservice organization, its CSOCs and the controls
// that monitor it.
type MatrixSubservice struct {
	Label       string       `json:"label"`
	Name        string       `json:"name"`
	Services    string       `json:"services"`
	Method      string       `json:"method"`
	Objectives  []string     `json:"objectives"`   // objective refs
	MonitoredBy []string     `json:"monitored_by"` // control labels
	CSOCs       []MatrixCUEC `json:"csocs"`
}

// MatrixRow is one control instance: objective → control → policy →
// providers → frequency → owner → key control.
type MatrixRow struct {
	ObjectiveRef   string `json:"objective_ref"`
	Objective      string `json:"objective"`
	ObjectiveTitle string `json:"objective_title"`
	COSO           []int  `json:"coso"`
	ControlRef     string `json:"control_ref"`
	Control        string `json:"control"`
	Title          string `json:"title"`
	Policy         string `json:"policy"`
	// Tested: a Rego unit test refers to the policy, or a test block names
	// the control.
	Tested    bool     `json:"tested"`
	Targets   []string `json:"targets"`
	Frequency string   `json:"frequency"`
	Automated bool     `json:"automated"`
	Key       bool     `json:"key"`
	Severity  string   `json:"severity"`
	Owner     string   `json:"owner"`
}

// Gaps are what the matrix lacks.
type Gaps struct {
	ObjectivesWithoutControls []string `json:"objectives_without_controls"`
	COSOWithoutObjectives     []int    `json:"coso_principles_without_objectives"`
	// ControlsWithoutTests are automated controls that neither a Rego unit
	// test nor a test block covers.
	ControlsWithoutTests []string `json:"controls_without_tests"`
	UnusedProviders      []string `json:"unused_providers"`
	ExpiredWaivers       []string `json:"expired_waivers"`
	// UnmatchedWaivers are waivers in force that covered no finding when
	// their controls were evaluated (see Repo.UnmatchedWaivers); nil when the
	// matrix was built without evaluating.
	UnmatchedWaivers []string `json:"unmatched_waivers"`
	// UnmonitoredSubservices are subservice organizations that no control
	// monitors (monitored_by is empty).
	UnmonitoredSubservices []string `json:"unmonitored_subservice_organizations"`
	// UnmitigatedRisks are risks without a mitigating control.
	UnmitigatedRisks []string `json:"unmitigated_risks"`
	// RisksNotMitigated are risks none of whose mitigating controls passed
	// in the latest run (see Repo.RiskGaps); empty until WithStatuses.
	RisksNotMitigated []string `json:"risks_without_operating_mitigation"`
}

// Matrix builds the control matrix, judging waivers at asOf.
func (r *Repo) Matrix(asOf time.Time) *Matrix {
	tested := policy.TestedPackages(r.FS, r.Settings.PoliciesDir)
	testBlocks := map[string]bool{}
	for _, t := range r.Tests {
		testBlocks[t.Control.Addr.Name] = true
	}
	m := &Matrix{Rows: []MatrixRow{}, CUECs: []MatrixCUEC{}, Subservices: []MatrixSubservice{}, Risks: []MatrixRisk{}}
	usedObjectives, usedProviders, coso := map[string]bool{}, map[addrs.Provider]bool{}, map[int]bool{}
	untested := map[string]bool{}
	for _, c := range r.Controls {
		row := MatrixRow{
			ControlRef: c.Ref, Control: c.Label, Title: c.Title, Policy: c.Policy,
			Tested: testBlocks[c.Addr.Name] || (c.Policy != "" && policy.Tested(tested, c.Policy)), Targets: []string{}, Frequency: c.Frequency,
			Automated: c.Automated, Key: c.Key, Severity: c.Severity, Owner: c.Owner, COSO: []int{},
		}
		if o := c.Objective; o != nil {
			row.ObjectiveRef, row.Objective, row.ObjectiveTitle, row.COSO = o.Ref, o.Label, o.Title, o.COSO
			usedObjectives[o.Label] = true
		}
		for _, t := range c.Targets {
			row.Targets = append(row.Targets, t.Name)
			for _, in := range t.Inputs {
				usedProviders[in.Provider] = true
			}
		}
		if !row.Tested && c.Automated {
			untested[c.Addr.Name] = true
		}
		m.Rows = append(m.Rows, row)
	}
	g := Gaps{ObjectivesWithoutControls: []string{}, COSOWithoutObjectives: []int{}, ControlsWithoutTests: []string{},
		UnusedProviders: []string{}, ExpiredWaivers: []string{}, UnmonitoredSubservices: []string{}, UnmitigatedRisks: []string{}, RisksNotMitigated: []string{}}
	for _, rk := range r.Risks {
		mr := MatrixRisk{Ref: rk.Ref, Label: rk.Label, Title: rk.Title, Description: rk.Description,
			Likelihood: rk.Likelihood, Impact: rk.Impact, Score: rk.Score(), Rating: rk.Rating(),
			Objectives: objectiveRefsOf(rk.Objectives), COSO: append([]int{}, rk.COSO...), Fraud: rk.Fraud, MitigatedBy: []MitigationControl{}}
		for _, c := range rk.MitigatedBy {
			mr.MitigatedBy = append(mr.MitigatedBy, MitigationControl{Control: c.String()})
		}
		if len(rk.MitigatedBy) == 0 {
			g.UnmitigatedRisks = append(g.UnmitigatedRisks, rk.Label)
		}
		m.Risks = append(m.Risks, mr)
	}
	for _, u := range r.CUECs {
		m.CUECs = append(m.CUECs, MatrixCUEC{Ref: u.Ref, Label: u.Label, Description: u.Description, Objectives: objectiveRefsOf(u.Objectives)})
	}
	for _, s := range r.Subservices {
		ms := MatrixSubservice{Label: s.Label, Name: s.Name, Services: s.Services, Method: s.Method,
			Objectives: objectiveRefsOf(s.Objectives), MonitoredBy: []string{}, CSOCs: []MatrixCUEC{}}
		for _, c := range s.MonitoredBy {
			ms.MonitoredBy = append(ms.MonitoredBy, c.String())
		}
		for _, c := range s.CSOCs {
			ms.CSOCs = append(ms.CSOCs, MatrixCUEC{Ref: c.Ref, Label: c.Label, Description: c.Description, Objectives: objectiveRefsOf(c.Objectives)})
		}
		if len(s.MonitoredBy) == 0 {
			g.UnmonitoredSubservices = append(g.UnmonitoredSubservices, s.Label)
		}
		m.Subservices = append(m.Subservices, ms)
	}
	for _, l := range keys(r.Objectives) {
		for _, p := range r.Objectives[l].COSO {
			coso[p] = true
		}
		if !usedObjectives[l] {
			g.ObjectivesWithoutControls = append(g.ObjectivesWithoutControls, l)
		}
	}
	for p := 1; p <= 17; p++ {
		if !coso[p] {
			g.COSOWithoutObjectives = append(g.COSOWithoutObjectives, p)
		}
	}
	g.ControlsWithoutTests = keys(untested)
	for a := range r.Providers {
		if !usedProviders[a] {
			g.UnusedProviders = append(g.UnusedProviders, a.String())
		}
	}
	sort.Strings(g.UnusedProviders)
	for _, w := range r.Waivers {
		if !asOf.Before(w.Expires) {
			g.ExpiredWaivers = append(g.ExpiredWaivers, w.Label)
		}
	}
	m.Gaps = g
	return m
}

// WithStatuses judges the risk register against the latest run: each
// mitigating control's status, and the risks none of whose mitigating
// controls passed.
func (m *Matrix) WithStatuses(r *Repo, latest Statuses) {
	for i := range m.Risks {
		for j := range m.Risks[i].MitigatedBy {
			mc := &m.Risks[i].MitigatedBy[j]
			mc.Status = NotRun
			if st, ok := latest.Of(r.Risks[i].MitigatedBy[j]); ok {
				mc.Status = string(st)
			}
		}
	}
	m.Gaps.RisksNotMitigated = []string{}
	for _, g := range r.RiskGaps(latest) {
		if g.Reason == "not_operating" {
			m.Gaps.RisksNotMitigated = append(m.Gaps.RisksNotMitigated, g.Risk)
		}
	}
}

func objectiveRefsOf(objs []*Objective) []string {
	out := make([]string, 0, len(objs))
	for _, o := range objs {
		out = append(out, o.Ref)
	}
	return out
}

// WaiverControls are the --control patterns that select every control a
// waiver in force at asOf names: what must be evaluated to find the waivers
// that match nothing.
func (r *Repo) WaiverControls(asOf time.Time) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range r.Waivers {
		if asOf.Before(w.Expires) && !seen[w.Control.Name] {
			seen[w.Control.Name] = true
			out = append(out, w.Control.Name)
		}
	}
	sort.Strings(out)
	return out
}

// UnmatchedWaivers lists, sorted, the waivers in force at asOf whose control
// operated in doc (a result other than error) and which covered no finding.
func (r *Repo) UnmatchedWaivers(doc *result.Document, asOf time.Time) []string {
	return r.unmatchedWaivers(doc.Results, asOf)
}

func (r *Repo) unmatchedWaivers(results []*result.Result, asOf time.Time) []string {
	operated, used := map[string]bool{}, map[string]bool{}
	for _, res := range results {
		if res.Status != result.StatusError {
			operated[controlName(res.Control.Label)] = true
		}
		for _, f := range res.Findings {
			if f.Waiver != nil {
				used[f.Waiver.Label] = true
			}
		}
	}
	out := []string{}
	for _, w := range r.Waivers {
		if operated[w.Control.Name] && !used[w.Label] && asOf.Before(w.Expires) {
			out = append(out, w.Label)
		}
	}
	return out
}

// waiver returns the waiver with the label, or nil.
func (r *Repo) waiver(label string) *Waiver {
	for _, w := range r.Waivers {
		if w.Label == label {
			return w
		}
	}
	return nil
}

// controlName is a control label without its instance key.
func controlName(label string) string {
	if i := strings.IndexByte(label, '['); i >= 0 {
		return label[:i]
	}
	return label
}
