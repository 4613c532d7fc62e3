package evaluator

import (
	"sort"
	"time"

	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/policy"
)

// Matrix is the control matrix auditors ask for first, and the gaps in it.
type Matrix struct {
	Rows []MatrixRow `json:"rows"`
	Gaps Gaps        `json:"gaps"`
}

// MatrixRow is one control instance: objective → control → policy →
// providers → frequency → owner → key control.
type MatrixRow struct {
	ObjectiveRef   string   `json:"objective_ref"`
	Objective      string   `json:"objective"`
	ObjectiveTitle string   `json:"objective_title"`
	COSO           []int    `json:"coso"`
	ControlRef     string   `json:"control_ref"`
	Control        string   `json:"control"`
	Title          string   `json:"title"`
	Policy         string   `json:"policy"`
	Tested         bool     `json:"tested"` // a Rego unit test refers to the policy
	Targets        []string `json:"targets"`
	Frequency      string   `json:"frequency"`
	Automated      bool     `json:"automated"`
	Key            bool     `json:"key"`
	Severity       string   `json:"severity"`
	Owner          string   `json:"owner"`
}

// Gaps are what the matrix lacks.
type Gaps struct {
	ObjectivesWithoutControls []string `json:"objectives_without_controls"`
	COSOWithoutObjectives     []int    `json:"coso_principles_without_objectives"`
	ControlsWithoutTests      []string `json:"controls_without_tests"`
	UnusedProviders           []string `json:"unused_providers"`
	ExpiredWaivers            []string `json:"expired_waivers"`
}

// Matrix builds the control matrix, judging waivers at asOf.
func (r *Repo) Matrix(asOf time.Time) *Matrix {
	tested := policy.TestedPackages(r.FS, r.Settings.PoliciesDir)
	m := &Matrix{Rows: []MatrixRow{}}
	usedObjectives, usedProviders, coso := map[string]bool{}, map[addrs.Provider]bool{}, map[int]bool{}
	untested := map[string]bool{}
	for _, c := range r.Controls {
		row := MatrixRow{
			ControlRef: c.Ref, Control: c.Label, Title: c.Title, Policy: c.Policy,
			Tested: policy.Tested(tested, c.Policy), Targets: []string{}, Frequency: c.Frequency,
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
		if !row.Tested {
			untested[c.Addr.Name] = true
		}
		m.Rows = append(m.Rows, row)
	}
	g := Gaps{ObjectivesWithoutControls: []string{}, COSOWithoutObjectives: []int{}, ControlsWithoutTests: []string{}, UnusedProviders: []string{}, ExpiredWaivers: []string{}}
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
