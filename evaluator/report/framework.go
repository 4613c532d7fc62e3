package report

import (
	"fmt"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/frameworks"
)

// Framework is the report pivoted to another framework (socle report
// --framework): each criterion with the controls mapped to it — by the
// control's mappings or its objective's — and their results in the period,
// and the criteria no control covers.
type Framework struct {
	Name     string               `json:"name"`
	Title    string               `json:"title"`
	Criteria []FrameworkCriterion `json:"criteria"`
	Covered  int                  `json:"criteria_covered"`
	// Gaps are the identifiers of the criteria no control covers.
	Gaps []string `json:"gaps"`
}

// FrameworkCriterion is one criterion and the results of its controls.
type FrameworkCriterion struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Result: "No exceptions noted.", "Exceptions noted in N of M
	// controls." or, for a gap, "No control covers this criterion."
	Result     string         `json:"result"`
	Exceptions bool           `json:"exceptions"`
	Gap        bool           `json:"gap"`
	Controls   []FrameworkRow `json:"controls"`
}

// FrameworkRow is a control mapped to a criterion, with its result in the
// period (its Section 4 row's).
type FrameworkRow struct {
	Ref          string `json:"ref"`
	Label        string `json:"label"`
	Title        string `json:"title"`
	ObjectiveRef string `json:"objective_ref"`
	Via          string `json:"via"` // control or objective
	Result       string `json:"result"`
	Exceptions   bool   `json:"exceptions"`
}

// framework pivots the built sections to the framework named in the
// options.
func (b *builder) framework() error {
	name := b.o.Framework
	if name == "" {
		return nil
	}
	f, ok := frameworks.Lookup(name)
	if !ok {
		return fmt.Errorf("no framework %q: socle knows %v", name, frameworks.Names())
	}
	f, err := f.Scope(b.o.Criteria)
	if err != nil {
		return err
	}
	if b.o.Repo == nil {
		return fmt.Errorf("--framework %s needs the policy repository, whose controls and objectives carry the mappings; it did not load", name)
	}
	controls := map[string]*evaluator.Control{}
	for _, c := range b.o.Repo.Controls {
		controls[c.Label] = c
	}
	fw := &Framework{Name: f.Name, Title: f.Title, Criteria: make([]FrameworkCriterion, len(f.Criteria)), Gaps: []string{}}
	idx := map[string]int{}
	for i, c := range f.Criteria {
		idx[c.ID] = i
		fw.Criteria[i] = FrameworkCriterion{ID: c.ID, Title: c.Title, Controls: []FrameworkRow{}}
	}
	// Controls in Section 4 order.
	for _, s := range b.rep.Sections {
		for _, r := range s.Controls {
			c := controls[r.Label]
			if c == nil {
				continue
			}
			via := map[string]string{}
			if c.Objective != nil {
				for _, id := range c.Objective.Mappings[f.Name] {
					via[id] = "objective"
				}
			}
			for _, id := range c.Mappings[f.Name] {
				via[id] = "control"
			}
			for _, id := range f.IDs() {
				v, ok := via[id]
				if !ok {
					continue
				}
				crit := &fw.Criteria[idx[id]]
				crit.Controls = append(crit.Controls, FrameworkRow{Ref: r.Ref, Label: r.Label, Title: r.Title, ObjectiveRef: s.Ref,
					Via: v, Result: r.Result, Exceptions: r.Exceptions})
			}
		}
	}
	for i := range fw.Criteria {
		c := &fw.Criteria[i]
		if len(c.Controls) == 0 {
			c.Gap, c.Exceptions, c.Result = true, true, "No control covers this criterion."
			fw.Gaps = append(fw.Gaps, c.ID)
			continue
		}
		fw.Covered++
		n := 0
		for _, r := range c.Controls {
			if r.Exceptions {
				n++
			}
		}
		c.Exceptions = n > 0
		c.Result = "No exceptions noted."
		if n > 0 {
			c.Result = fmt.Sprintf("Exceptions noted in %d of %d %s.", n, len(c.Controls), pluralWord(len(c.Controls), "control", "controls"))
		}
	}
	b.rep.Framework = fw
	return nil
}
