// Package reviewpack builds the policy-repository review pack auditors read
// before they read any evidence (socle docs): one page per objective and per
// control — its description, the Rego source of its policy, the providers
// it reads and what their snapshots hold, its tests and their results run
// now, its waivers, owner and frequency —, an index, the control matrix,
// and, against a git revision, what changed in the controls, policies and
// waivers (change management of the controls themselves). It renders the
// pack as HTML (Rego highlighted) or Markdown, one file per page.
//
// Like evaluator/report it sits above the engine: it reads a loaded
// evaluator.Repo, runs its tests, and runs git for --since. Only cmd
// imports it.
package reviewpack

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/policy"
	"github.com/socle-dev/socle/evaluator/report"
	"github.com/socle-dev/socle/evaluator/result"
)

// Pack is the review pack.
type Pack struct {
	Organization string
	System       string
	GeneratedAt  time.Time
	SocleVersion string
	PolicySHA256 string // of every policy module together
	Objectives   []*Objective
	Controls     []*Control
	Matrix       *evaluator.Matrix
	// Tests counts every test run, Rego and HCL.
	TestsPassed, TestsFailed int
	Coverage                 *policy.Coverage
	Changes                  *Changes // nil without --since
}

// Objective is an objective's page.
type Objective struct {
	Label, Ref, Title, Description string
	COSO                           []string // "10. Selects and develops control activities"
	Controls                       []*Control
	CUECs                          []evaluator.MatrixCUEC
	CSOCs                          []CSOC
}

// CSOC is a complementary subservice organization control of an objective.
type CSOC struct {
	Ref, Description, Subservice string
}

// Control is a control's page.
type Control struct {
	Label, Ref, Title, Description, Remediation string
	Objective                                   *Objective
	Kind                                        string // automated, conftest, manual
	Policy                                      string
	Frequency, Severity, Owner                  string
	Key                                         bool
	Tags                                        []string // "k = v", sorted
	Mappings                                    string   // "iso27001: A.8.5; soc2: CC6.1", the control's own
	Risks                                       []string // "R-01 title": the risks of the register it mitigates
	Declared                                    string   // file:line
	TestProcedure                               string   // the test_procedure override, "" when derived
	Targets                                     []Target
	Modules                                     []Module
	PolicySHA256                                string
	Tests                                       []TestResult
	Waivers                                     []Waiver
	Evidence                                    []Evidence // manual controls
}

// Target is one evaluation of the control and the providers it reads.
type Target struct {
	Name   string
	Inputs []Input
}

// Input is one input document: its key under input and the provider
// instance, with what its snapshot holds.
type Input struct {
	Key      string
	Provider string // type or type.alias
	Type     string
	Params   []string // "snapshot = snapshots/idp/users.json"
	Sources  []string // files read
	Items    int
	Keys     []string // the document's top-level keys
	Warnings []string
	Error    string // the snapshot could not be loaded
}

// Module is a Rego source file of the policy.
type Module struct {
	Path, Package, SHA256 string
	Source                string
}

// TestResult is one test of the control, run when the pack was built.
type TestResult struct {
	Kind   string // rego or hcl
	Name   string // package.test_name, or test.NAME
	Where  string // file:line
	Pass   bool
	Detail string
}

// Waiver is a waiver of the control.
type Waiver struct {
	Label, Resources, Reason, ApprovedBy, Ticket, Expires string
	Expired                                               bool
}

// Evidence is a manual control's evidence file.
type Evidence struct {
	File, Date, Description string
}

// Options are what Build reads.
type Options struct {
	Now time.Time // the generation time (default now); waivers are judged at it
	// TestTimeout is the time limit of one test (default 10s).
	TestTimeout time.Duration
	// Since, when set, is the git revision the changes are computed from.
	Since string
	// SocleVersion is printed on the pages (default this build's).
	SocleVersion string
}

// Build reads the repository, loads each provider's snapshot, runs the
// tests and, with Since, compares with the repository at that revision.
func Build(ctx context.Context, repo *evaluator.Repo, o Options) (*Pack, error) {
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	if o.TestTimeout <= 0 {
		o.TestTimeout = 10 * time.Second
	}
	if o.SocleVersion == "" {
		o.SocleVersion = evaluator.Version
	}
	p := &Pack{Organization: repo.Settings.Organization, System: repo.Settings.System, GeneratedAt: now.UTC(),
		SocleVersion: o.SocleVersion, PolicySHA256: repo.Policies.SHA256(), Matrix: repo.Matrix(now)}
	objectives := map[string]*Objective{}
	for _, label := range slices.Sorted(maps.Keys(repo.Objectives)) {
		ob := repo.Objectives[label]
		obj := &Objective{Label: ob.Label, Ref: ob.Ref, Title: ob.Title, Description: ob.Description}
		for _, n := range ob.COSO {
			if n >= 1 && n <= len(report.COSOPrinciples) {
				obj.COSO = append(obj.COSO, fmt.Sprintf("%d. %s", n, report.COSOPrinciples[n-1]))
			}
		}
		objectives[label] = obj
		p.Objectives = append(p.Objectives, obj)
	}
	sort.SliceStable(p.Objectives, func(i, j int) bool {
		return orderRef(p.Objectives[i].Ref, p.Objectives[i].Label, p.Objectives[j].Ref, p.Objectives[j].Label)
	})
	for _, u := range p.Matrix.CUECs {
		for _, ref := range u.Objectives {
			for _, o := range p.Objectives {
				if o.Ref == ref {
					o.CUECs = append(o.CUECs, u)
				}
			}
		}
	}
	for _, s := range p.Matrix.Subservices {
		for _, c := range s.CSOCs {
			for _, ref := range c.Objectives {
				for _, o := range p.Objectives {
					if o.Ref == ref {
						o.CSOCs = append(o.CSOCs, CSOC{Ref: c.Ref, Description: c.Description, Subservice: s.Name})
					}
				}
			}
		}
	}

	inputs := loadInputs(ctx, repo)
	regoTests, cov, diags := policy.RunTests(ctx, repo.FS, repo.Settings.PoliciesDir, repo.Dir, o.TestTimeout)
	if diags.HasErrors() {
		return nil, fmt.Errorf("the Rego tests could not run: %s", diags.Error())
	}
	p.Coverage = cov
	hclTests := repo.RunTests(ctx, now, o.TestTimeout)
	for _, t := range regoTests {
		if t.Pass {
			p.TestsPassed++
		} else {
			p.TestsFailed++
		}
	}
	for _, t := range hclTests {
		if t.Pass() {
			p.TestsPassed++
		} else {
			p.TestsFailed++
		}
	}

	for _, c := range repo.Controls {
		pc := &Control{Label: c.Label, Ref: c.Ref, Title: c.Title, Description: c.Description, Remediation: c.Remediation,
			Kind: report.KindAutomated, Policy: c.Policy, Frequency: c.Frequency, Severity: c.Severity, Owner: c.Owner, Key: c.Key,
			Declared: fmt.Sprintf("%s:%d", c.File, c.DeclRange.Start.Line), TestProcedure: c.TestProcedure, Mappings: mappingsText(c.Mappings)}
		for _, rk := range repo.Risks {
			for _, m := range rk.MitigatedBy {
				if m.Name == c.Addr.Name && (m.Key == addrs.NoKey || m.Key == c.Addr.Key) {
					pc.Risks = append(pc.Risks, strings.TrimSpace(rk.Ref+" "+rk.Title))
					break
				}
			}
		}
		switch {
		case !c.Automated:
			pc.Kind = report.KindManual
		case c.PolicyStyle == "conftest":
			pc.Kind = report.KindConftest
		}
		for _, k := range slices.Sorted(maps.Keys(c.Tags)) {
			pc.Tags = append(pc.Tags, k+" = "+c.Tags[k])
		}
		if c.Objective != nil {
			pc.Objective = objectives[c.Objective.Label]
		}
		if c.Automated {
			for _, t := range c.Targets {
				tg := Target{Name: t.Name}
				for _, in := range t.Inputs {
					i := inputs[in.Provider]
					i.Key = in.Key
					tg.Inputs = append(tg.Inputs, i)
				}
				pc.Targets = append(pc.Targets, tg)
			}
			pc.PolicySHA256 = repo.Policies.PackageSHA256(c.Policy)
			for _, m := range repo.Policies.PackageModules(c.Policy) {
				pc.Modules = append(pc.Modules, Module{Path: m.Path, Package: m.Package, SHA256: m.SHA256, Source: string(m.Source)})
			}
		} else {
			files, _ := repo.EvidenceFiles(c)
			for _, e := range files {
				pc.Evidence = append(pc.Evidence, Evidence{File: e.File, Date: e.Date.Format(time.DateOnly), Description: e.Description})
			}
		}
		for _, t := range regoTests {
			if c.Policy != "" && (t.Package == c.Policy || t.Package == c.Policy+"_test" || strings.HasPrefix(t.Package, c.Policy+".")) {
				pc.Tests = append(pc.Tests, TestResult{Kind: "rego", Name: t.Package + "." + t.Name, Where: fmt.Sprintf("%s:%d", t.File, t.Line), Pass: t.Pass, Detail: t.Error})
			}
		}
		for _, t := range hclTests {
			if t.Test.Control == c {
				pc.Tests = append(pc.Tests, TestResult{Kind: "hcl", Name: "test." + t.Test.Label, Where: fmt.Sprintf("%s:%d", t.Test.File, t.Test.DeclRange.Start.Line),
					Pass: t.Pass(), Detail: strings.Join(t.Problems, "; ")})
			}
		}
		for _, w := range repo.Waivers {
			if w.Control.Name != c.Addr.Name || (w.Control.Key != addrs.NoKey && w.Control.Key != c.Addr.Key) {
				continue
			}
			res := "every finding"
			if w.Resources != nil {
				res = strings.Join(w.Resources, ", ")
			}
			pc.Waivers = append(pc.Waivers, Waiver{Label: w.Label, Resources: res, Reason: w.Reason, ApprovedBy: w.ApprovedBy, Ticket: w.Ticket,
				Expires: w.ExpiresRaw, Expired: !now.Before(w.Expires)})
		}
		p.Controls = append(p.Controls, pc)
		if pc.Objective != nil {
			pc.Objective.Controls = append(pc.Objective.Controls, pc)
		}
	}
	if o.Since != "" {
		ch, err := changesSince(ctx, repo, o.Since)
		if err != nil {
			return nil, err
		}
		p.Changes = ch
	}
	return p, nil
}

// loadInputs loads every provider instance's snapshot once, to say what it
// holds; a failure is reported on the page, not an error.
func loadInputs(ctx context.Context, repo *evaluator.Repo) map[addrs.Provider]Input {
	out := map[addrs.Provider]Input{}
	for a, pr := range repo.Providers {
		in := Input{Provider: a.String(), Type: a.Type}
		lctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		doc, err := pr.Instance.Load(lctx)
		cancel()
		if err != nil {
			in.Error = err.Error()
			out[a] = in
			continue
		}
		in.Sources, in.Items = doc.Sources, doc.Items
		for _, k := range slices.Sorted(maps.Keys(doc.Params)) {
			in.Params = append(in.Params, k+" = "+doc.Params[k])
		}
		if m, ok := doc.Value.(map[string]any); ok {
			in.Keys = slices.Sorted(maps.Keys(m))
		}
		for _, w := range doc.Warnings {
			in.Warnings = append(in.Warnings, w.Error())
		}
		out[a] = in
	}
	return out
}

// orderRef orders by ref as people number them, then label.
func orderRef(refA, labelA, refB, labelB string) bool {
	if c := result.CompareRef(refA, refB); c != 0 {
		return c < 0
	}
	return labelA < labelB
}
