package evaluator

import (
	"fmt"
	"slices"

	"github.com/socle-dev/socle/evaluator/frameworks"
	"github.com/socle-dev/socle/evaluator/result"
)

// FrameworkMatrix is the control matrix pivoted to another framework: each
// criterion with the controls mapped to it (on the control, or on its
// objective) and their latest status, and the criteria no control covers.
type FrameworkMatrix struct {
	Framework string               `json:"framework"`
	Title     string               `json:"title"`
	Criteria  []FrameworkCriterion `json:"criteria"`
	Covered   int                  `json:"criteria_covered"`
	Gaps      FrameworkGaps        `json:"gaps"`
}

// FrameworkCriterion is one criterion of the framework.
type FrameworkCriterion struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Status is the worst latest status of its controls (pass, not_tested,
	// fail, error, not_run), or "gap" when no control covers it.
	Status     string             `json:"status"`
	Objectives []string           `json:"objectives"` // refs of the objectives mapped to it
	Controls   []FrameworkControl `json:"controls"`
}

// FrameworkControl is a control instance mapped to a criterion.
type FrameworkControl struct {
	Ref          string `json:"ref"`
	Label        string `json:"label"`
	Title        string `json:"title"`
	ObjectiveRef string `json:"objective_ref"`
	// Via is "control" when the control names the criterion, "objective"
	// when its objective does.
	Via    string `json:"via"`
	Status string `json:"status"` // latest: pass, fail, not_tested, error, not_run
}

// FrameworkGaps are the criteria no control covers.
type FrameworkGaps struct {
	Uncovered []string `json:"criteria_without_controls"`
}

// StatusGap is the status of a criterion no control covers.
const StatusGap = "gap"

// FrameworkMatrix pivots the repository's controls to the named framework,
// scoped to the criteria the prefixes name (frameworks.Framework.Scope; all
// of them without one), with each control's status in latest (not_run when
// absent).
func (r *Repo) FrameworkMatrix(name string, criteria []string, latest Statuses) (*FrameworkMatrix, error) {
	f, ok := frameworks.Lookup(name)
	if !ok {
		return nil, fmt.Errorf("no framework %q: socle knows %v", name, frameworks.Names())
	}
	f, err := f.Scope(criteria)
	if err != nil {
		return nil, err
	}
	idx := map[string]int{}
	m := &FrameworkMatrix{Framework: f.Name, Title: f.Title, Criteria: make([]FrameworkCriterion, len(f.Criteria)), Gaps: FrameworkGaps{Uncovered: []string{}}}
	for i, c := range f.Criteria {
		idx[c.ID] = i
		m.Criteria[i] = FrameworkCriterion{ID: c.ID, Title: c.Title, Objectives: []string{}, Controls: []FrameworkControl{}}
	}
	for _, l := range keys(r.Objectives) {
		for _, id := range r.Objectives[l].Mappings[f.Name] {
			i, ok := idx[id]
			if !ok {
				continue // outside the scope
			}
			fc := &m.Criteria[i]
			fc.Objectives = append(fc.Objectives, r.Objectives[l].Ref)
		}
	}
	for _, c := range r.Controls {
		direct := setOf(c.Mappings[f.Name])
		via := map[string]string{}
		if c.Objective != nil {
			for _, id := range c.Objective.Mappings[f.Name] {
				via[id] = "objective"
			}
		}
		for id := range direct {
			via[id] = "control"
		}
		status := NotRun
		if st, ok := latest[c.Label]; ok {
			status = string(st)
		}
		for id, v := range via {
			fc := FrameworkControl{Ref: c.Ref, Label: c.Label, Title: c.Title, Via: v, Status: status}
			if c.Objective != nil {
				fc.ObjectiveRef = c.Objective.Ref
			}
			i, ok := idx[id]
			if !ok {
				continue // outside the scope
			}
			crit := &m.Criteria[i]
			crit.Controls = append(crit.Controls, fc)
		}
	}
	for i := range m.Criteria {
		c := &m.Criteria[i]
		slices.SortFunc(c.Objectives, result.CompareRef)
		// Controls in matrix order: r.Controls is sorted, and each control
		// is appended once per criterion.
		if len(c.Controls) == 0 {
			c.Status = StatusGap
			m.Gaps.Uncovered = append(m.Gaps.Uncovered, c.ID)
			continue
		}
		m.Covered++
		worst := c.Controls[0].Status
		for _, fc := range c.Controls[1:] {
			if pivotRank(fc.Status) > pivotRank(worst) {
				worst = fc.Status
			}
		}
		c.Status = worst
	}
	return m, nil
}

// pivotRank orders statuses from best to worst; a control not evaluated is
// worse than one that errored.
func pivotRank(s string) int {
	switch s {
	case "pass":
		return 0
	case "not_tested":
		return 1
	case "fail":
		return 2
	case "error":
		return 3
	}
	return 4
}
