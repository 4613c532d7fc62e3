package evaluator

import (
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/zclconf/go-cty/cty"
)

// Risk is one entry of the risk register (COSO principles 7 to 9): what
// could go wrong in financial reporting, how likely and how severe, the
// objectives it threatens and the controls that mitigate it.
//
// The reference runs from the risk to its controls (mitigated_by): the risk
// register is the document management writes and reviews as a whole, a
// control often mitigates several risks, and a register kept in its own file
// can be laid over an existing set of controls without touching them.
type Risk struct {
	Label       string
	Ref         string
	Title       string
	Description string
	// Likelihood and Impact are on a scale of 1 to 5 (RiskLikelihoods,
	// RiskImpacts).
	Likelihood  int
	Impact      int
	Objectives  []*Objective
	COSO        []int // among 7, 8, 9; 8 whenever Fraud
	Fraud       bool
	MitigatedBy []addrs.Control
	DeclRange   hcl.Range
}

// RiskLikelihoods and RiskImpacts name the points of the 1-to-5 scales,
// index 0 being 1.
var (
	RiskLikelihoods = []string{"rare", "unlikely", "possible", "likely", "almost certain"}
	RiskImpacts     = []string{"negligible", "minor", "moderate", "major", "severe"}
)

// Score is the inherent risk: likelihood × impact, 1 to 25.
func (r *Risk) Score() int { return r.Likelihood * r.Impact }

// Rating is the score's band: low (1–4), medium (5–9), high (10–16),
// critical (20–25).
func (r *Risk) Rating() string { return RiskRating(r.Score()) }

// RiskRating is the band of a score.
func RiskRating(score int) string {
	switch {
	case score >= 20:
		return "critical"
	case score >= 10:
		return "high"
	case score >= 5:
		return "medium"
	}
	return "low"
}

// risks resolves the risk blocks, sorted by ref then label.
func (l *loader) risks() {
	for _, name := range keys(l.cfg.Risks) {
		r := l.cfg.Risks[name]
		rk := &Risk{
			Label:       name,
			Ref:         l.str(r.Ref, nil, "ref"),
			Title:       l.str(r.Title, nil, "title"),
			Description: l.str(r.Description, nil, "description"),
			Likelihood:  l.scale(r.Likelihood, "likelihood", RiskLikelihoods),
			Impact:      l.scale(r.Impact, "impact", RiskImpacts),
			Objectives:  l.objectiveRefs(r.Objectives),
			Fraud:       l.boolean(r.Fraud, nil, "fraud", false),
			DeclRange:   r.DeclRange,
		}
		if r.Objectives != nil && len(rk.Objectives) == 0 {
			if elems, d := hcl.ExprList(r.Objectives); !d.HasErrors() && len(elems) == 0 {
				l.diags = append(l.diags, errorf(r.Objectives.Range().Ptr(), "No objective", "A risk threatens at least one control objective: name it, as objectives = [objective.logical_access]."))
			}
		}
		rk.COSO = l.riskCOSO(r.COSO, rk.Fraud)
		if r.MitigatedBy != nil {
			elems, d := hcl.ExprList(r.MitigatedBy)
			if d.HasErrors() {
				l.diags = append(l.diags, errorf(r.MitigatedBy.Range().Ptr(), "Invalid mitigated_by", "mitigated_by is a list of control references, as [control.terminated_access_removed]."))
			}
			for _, e := range elems {
				if c, ok := l.controlRef(e); ok && !slices.Contains(rk.MitigatedBy, c) {
					rk.MitigatedBy = append(rk.MitigatedBy, c)
				}
			}
		}
		l.repo.Risks = append(l.repo.Risks, rk)
	}
	slices.SortStableFunc(l.repo.Risks, func(a, b *Risk) int {
		if c := result.CompareRef(a.Ref, b.Ref); c != 0 {
			return c
		}
		return strings.Compare(a.Label, b.Label)
	})
}

// scale reads a likelihood or an impact: a whole number from 1 to 5.
func (l *loader) scale(expr hcl.Expression, what string, names []string) int {
	v, ok := l.eval(expr, nil, cty.Number, what)
	if !ok {
		return 0
	}
	n, whole := wholeNumber(v)
	if !whole || n < 1 || n > len(names) {
		l.diags = append(l.diags, errorf(expr.Range().Ptr(), "Invalid "+what,
			"%s is on a scale of 1 to 5: 1 %s, 2 %s, 3 %s, 4 %s, 5 %s.", what, names[0], names[1], names[2], names[3], names[4]))
		return 0
	}
	return n
}

// riskCOSO reads a risk's COSO principles: those of risk assessment, 7 to 9.
// A fraud risk is principle 8's whether or not the list says so.
func (l *loader) riskCOSO(expr hcl.Expression, fraud bool) []int {
	var out []int
	if expr == nil {
		if fraud {
			out = []int{8}
		}
		return out
	}
	ps := l.coso(expr)
	elems, _ := hcl.ExprList(expr)
	for _, p := range ps {
		if p < 7 || p > 9 {
			rng := expr.Range()
			for _, e := range elems {
				if v, d := e.Value(nil); !d.HasErrors() && v.Type() == cty.Number {
					if n, ok := wholeNumber(v); ok && n == p {
						rng = e.Range()
					}
				}
			}
			l.diags = append(l.diags, errorf(rng.Ptr(), "Invalid COSO principle for a risk",
				"A risk is assessed under the risk assessment principles: 7 (identifies and analyzes risks), 8 (considers fraud), 9 (identifies and analyzes significant change); %d is not one of them.", p))
			continue
		}
		out = append(out, p)
	}
	if fraud && !slices.Contains(out, 8) {
		out = append(out, 8)
		slices.Sort(out)
	}
	if !fraud && slices.Contains(out, 8) {
		l.diags = append(l.diags, warnf(expr.Range().Ptr(), "Principle 8 without fraud",
			"Principle 8 is the assessment of fraud risk: set fraud = true if this is a fraud risk, or remove 8."))
	}
	return out
}

// Statuses are the latest status of each control instance, keyed by its
// label (iam_mfa, iam_mfa["eu"]): what a run concluded, the worst over its
// targets.
type Statuses map[string]result.Status

// StatusesOf collects the statuses of a run's results.
func StatusesOf(results []*result.Result) Statuses {
	s := Statuses{}
	for _, r := range results {
		s.Add(r.Control.Label, r.Status)
	}
	return s
}

// statusRank orders statuses from best to worst.
func statusRank(s result.Status) int {
	switch s {
	case result.StatusPass:
		return 0
	case result.StatusNotTested:
		return 1
	case result.StatusFail:
		return 2
	}
	return 3 // error, or unknown
}

// Add records a status of a control instance, keeping the worst.
func (s Statuses) Add(label string, st result.Status) {
	if prev, ok := s[label]; !ok || statusRank(st) > statusRank(prev) {
		s[label] = st
	}
}

// Of returns the status of a control address: the instance's, or for an
// address without key the worst of every instance of the control. ok is
// false when the run did not evaluate it.
func (s Statuses) Of(c addrs.Control) (result.Status, bool) {
	if c.Key != addrs.NoKey {
		st, ok := s[c.Name+c.Key.String()]
		return st, ok
	}
	var worst result.Status
	found := false
	for label, st := range s {
		if controlName(label) == c.Name && (!found || statusRank(st) > statusRank(worst)) {
			worst, found = st, true
		}
	}
	return worst, found
}

// NotRun is the status a mitigation gap gives a control the latest run did
// not evaluate.
const NotRun = "not_run"

// RiskGap is a risk nothing effectively mitigates.
type RiskGap struct {
	Risk  string `json:"risk"` // label
	Ref   string `json:"ref"`
	Title string `json:"title"`
	// Reason is "unmitigated" (mitigated_by is empty) or "not_operating"
	// (no mitigating control passed in the latest run).
	Reason   string              `json:"reason"`
	Controls []MitigationControl `json:"controls"`
}

// MitigationControl is a mitigating control and its latest status (pass,
// fail, not_tested, error, or not_run).
type MitigationControl struct {
	Control string `json:"control"` // control.NAME
	Status  string `json:"status"`
}

// RiskGaps lists, in register order, the risks no control mitigates and,
// when latest is not nil, those whose mitigating controls all failed, errored,
// tested nothing or were not evaluated in the latest run: a mitigation counts
// only when its control passed. socle matrix passes the statuses of the
// evaluation it performs; a command reading the evidence store passes those
// of the latest records (Statuses.Add).
func (r *Repo) RiskGaps(latest Statuses) []RiskGap {
	out := []RiskGap{}
	for _, rk := range r.Risks {
		g := RiskGap{Risk: rk.Label, Ref: rk.Ref, Title: rk.Title, Controls: []MitigationControl{}}
		if len(rk.MitigatedBy) == 0 {
			g.Reason = "unmitigated"
			out = append(out, g)
			continue
		}
		if latest == nil {
			continue
		}
		effective := false
		for _, c := range rk.MitigatedBy {
			st, ok := latest.Of(c)
			status := string(st)
			if !ok {
				status = NotRun
			}
			effective = effective || (ok && st == result.StatusPass)
			g.Controls = append(g.Controls, MitigationControl{Control: c.String(), Status: status})
		}
		if !effective {
			g.Reason = "not_operating"
			out = append(out, g)
		}
	}
	return out
}
