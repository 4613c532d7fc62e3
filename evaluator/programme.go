package evaluator

import (
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/result"
)

// CUEC is a complementary user entity control: what user entities must do
// themselves for the service organization's objectives to be achieved.
type CUEC struct {
	Label       string
	Ref         string
	Description string
	Objectives  []*Objective
	DeclRange   hcl.Range
}

// Subservice is a subservice organization, presented with the carve-out or
// the inclusive method, with the complementary subservice organization
// controls (CSOCs) the service organization relies on and the controls that
// monitor it.
type Subservice struct {
	Label       string
	Name        string
	Services    string
	Method      string // carve-out or inclusive
	Objectives  []*Objective
	MonitoredBy []addrs.Control
	CSOCs       []*CSOC
	DeclRange   hcl.Range
}

// CSOC is one complementary subservice organization control.
type CSOC struct {
	Label       string
	Ref         string
	Description string
	Objectives  []*Objective
}

// SubserviceMethods are the ways a service organization presents a
// subservice organization in its description.
var SubserviceMethods = []string{"carve-out", "inclusive"}

// cuecs resolves the cuec blocks, sorted by ref then label.
func (l *loader) cuecs() {
	for _, name := range keys(l.cfg.CUECs) {
		u := l.cfg.CUECs[name]
		l.repo.CUECs = append(l.repo.CUECs, &CUEC{
			Label:       name,
			Ref:         l.str(u.Ref, nil, "ref"),
			Description: l.str(u.Description, nil, "description"),
			Objectives:  l.objectiveRefs(u.Objectives),
			DeclRange:   u.DeclRange,
		})
	}
	slices.SortStableFunc(l.repo.CUECs, func(a, b *CUEC) int {
		if c := result.CompareRef(a.Ref, b.Ref); c != 0 {
			return c
		}
		return strings.Compare(a.Label, b.Label)
	})
}

// subservices resolves the subservice blocks, sorted by label.
func (l *loader) subservices() {
	for _, name := range keys(l.cfg.Subservices) {
		s := l.cfg.Subservices[name]
		sv := &Subservice{
			Label:      name,
			Name:       l.str(s.OrgName, nil, "name"),
			Services:   l.str(s.Services, nil, "services"),
			Method:     l.oneOf(s.Method, nil, "method", SubserviceMethods, "carve-out"),
			Objectives: l.objectiveRefs(s.Objectives),
			DeclRange:  s.DeclRange,
		}
		if s.MonitoredBy != nil {
			elems, d := hcl.ExprList(s.MonitoredBy)
			if d.HasErrors() {
				l.diags = append(l.diags, errorf(s.MonitoredBy.Range().Ptr(), "Invalid monitored_by", "monitored_by is a list of control references, as [control.vendor_reports_reviewed]."))
			}
			for _, e := range elems {
				if c, ok := l.controlRef(e); ok {
					sv.MonitoredBy = append(sv.MonitoredBy, c)
				}
			}
		}
		for _, c := range s.CSOCs {
			objs := sv.Objectives
			if c.Objectives != nil {
				objs = l.objectiveRefs(c.Objectives)
			}
			sv.CSOCs = append(sv.CSOCs, &CSOC{
				Label:       c.Name,
				Ref:         l.str(c.Ref, nil, "ref"),
				Description: l.str(c.Description, nil, "description"),
				Objectives:  objs,
			})
		}
		slices.SortStableFunc(sv.CSOCs, func(a, b *CSOC) int { return result.CompareRef(a.Ref, b.Ref) })
		l.repo.Subservices = append(l.repo.Subservices, sv)
	}
}

// objectiveRefs resolves a list of objective references.
func (l *loader) objectiveRefs(expr hcl.Expression) []*Objective {
	if expr == nil {
		return nil
	}
	elems, d := hcl.ExprList(expr)
	if d.HasErrors() {
		l.diags = append(l.diags, errorf(expr.Range().Ptr(), "Invalid objectives", "objectives is a list of objective references, as [objective.logical_access]."))
		return nil
	}
	var out []*Objective
	for _, e := range elems {
		if o := l.objectiveRef(e); o != nil {
			out = append(out, o)
		}
	}
	return out
}

func objectiveLabels(objs []*Objective) []string {
	out := make([]string, 0, len(objs))
	for _, o := range objs {
		out = append(out, o.Label)
	}
	return out
}

// Programme returns the repository's CUECs and subservice organizations as
// the result document carries them.
func (r *Repo) Programme() ([]result.CUEC, []result.Subservice) {
	var cuecs []result.CUEC
	for _, u := range r.CUECs {
		cuecs = append(cuecs, result.CUEC{Label: u.Label, Ref: u.Ref, Description: u.Description, Objectives: objectiveLabels(u.Objectives)})
	}
	var subs []result.Subservice
	for _, s := range r.Subservices {
		out := result.Subservice{
			Label: s.Label, Name: s.Name, Services: s.Services, Method: s.Method,
			Objectives: objectiveLabels(s.Objectives), MonitoredBy: []string{}, CSOCs: []result.CSOC{},
		}
		for _, c := range s.MonitoredBy {
			out.MonitoredBy = append(out.MonitoredBy, c.String())
		}
		for _, c := range s.CSOCs {
			out.CSOCs = append(out.CSOCs, result.CSOC{Label: c.Label, Ref: c.Ref, Description: c.Description, Objectives: objectiveLabels(c.Objectives)})
		}
		subs = append(subs, out)
	}
	return cuecs, subs
}
