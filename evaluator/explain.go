package evaluator

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/coso"
	"github.com/socle-dev/socle/evaluator/frameworks"
	"github.com/socle-dev/socle/evaluator/policy"
)

// Explanation is everything the repository says about one control (socle
// explain): what it is for, the policy that judges it, where its inputs come
// from, the exceptions and the tests that concern it.
type Explanation struct {
	Control   ExplainedControl    `json:"control"`
	Objective *ExplainedObjective `json:"objective"`
	COSO      []coso.Principle    `json:"coso"`
	// Mappings are the criteria of other frameworks the control meets,
	// its own and its objective's merged (framework name → identifiers).
	Mappings map[string][]string `json:"mappings"`
	// Risks are the risks of the register the control mitigates.
	Risks      []ExplainedRisk     `json:"risks"`
	Policy     ExplainedPolicy     `json:"policy"`
	Providers  []ExplainedProvider `json:"providers"`
	Targets    []string            `json:"targets"`
	Waivers    []ExplainedWaiver   `json:"waivers"`
	RegoTests  []policy.TestRule   `json:"rego_tests"`
	TestBlocks []ExplainedTest     `json:"test_blocks"`
}

// ExplainedControl is the control block.
type ExplainedControl struct {
	Name        string   `json:"name"`
	Instances   []string `json:"instances"` // labels with instance keys; the name alone for a single control
	Ref         string   `json:"ref"`
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Remediation string   `json:"remediation,omitempty"`
	Frequency   string   `json:"frequency"`
	Automated   bool     `json:"automated"`
	Key         bool     `json:"key"`
	Severity    string   `json:"severity"`
	Owner       string   `json:"owner,omitempty"`
	File        string   `json:"file"`
	Line        int      `json:"line"`
}

// ExplainedRisk is a risk the control mitigates.
type ExplainedRisk struct {
	Label  string `json:"label"`
	Ref    string `json:"ref"`
	Title  string `json:"title"`
	Score  int    `json:"score"`
	Rating string `json:"rating"`
	Fraud  bool   `json:"fraud"`
}

// ExplainedObjective is the control's objective.
type ExplainedObjective struct {
	Label       string `json:"label"`
	Ref         string `json:"ref"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	COSO        []int  `json:"coso"`
}

// ExplainedPolicy is the Rego package and the files it is made of (its own
// modules and those it refers to), with their source.
type ExplainedPolicy struct {
	Package string          `json:"package"`
	Style   string          `json:"style,omitempty"`
	SHA256  string          `json:"sha256"`
	Files   []ExplainedFile `json:"files"`
}

// ExplainedFile is one Rego module.
type ExplainedFile struct {
	Path    string `json:"path"`
	Package string `json:"package"`
	SHA256  string `json:"sha256"`
	Source  string `json:"source"`
}

// ExplainedProvider is one provider instance the control reads, with its
// settings as written in the repository (expressions unevaluated, so env()
// shows its name, never a secret).
type ExplainedProvider struct {
	Address  string             `json:"address"`
	Type     string             `json:"type"`
	File     string             `json:"file"`
	Line     int                `json:"line"`
	Settings []ExplainedSetting `json:"settings"`
	MaxAge   string             `json:"max_age,omitempty"`
}

// ExplainedSetting is one attribute of a provider block, as written.
type ExplainedSetting struct {
	Name string `json:"name"`
	Expr string `json:"expr"`
}

// ExplainedWaiver is a waiver naming the control.
type ExplainedWaiver struct {
	Label      string   `json:"label"`
	Instance   string   `json:"instance,omitempty"` // the instance key it is limited to, if any
	Resources  []string `json:"resources"`          // nil: every finding
	Reason     string   `json:"reason"`
	ApprovedBy string   `json:"approved_by"`
	Ticket     string   `json:"ticket,omitempty"`
	Expires    string   `json:"expires"`
	Expired    bool     `json:"expired"`
	File       string   `json:"file"`
	Line       int      `json:"line"`
}

// ExplainedTest is an HCL test block naming the control.
type ExplainedTest struct {
	Label  string `json:"label"`
	Target string `json:"target"`
	Expect string `json:"expect"` // the status it expects
	File   string `json:"file"`
	Line   int    `json:"line"`
}

// UnknownControlError is a control name that names no control.
type UnknownControlError struct {
	Name       string
	Suggestion string // the closest name, or ""
}

func (e *UnknownControlError) Error() string {
	msg := fmt.Sprintf("there is no control %q", e.Name)
	if e.Suggestion != "" {
		msg += fmt.Sprintf(". Did you mean %q?", e.Suggestion)
	} else {
		msg += "; socle plan lists the controls"
	}
	return msg
}

// Controls returns the control instances a name selects: its name (every
// instance of a count/for_each control), one instance's label, or its ref.
func (r *Repo) controlsNamed(name string) []*Control {
	var out []*Control
	for _, c := range r.Controls {
		if c.Addr.Name == name || c.Label == name || (c.Ref != "" && c.Ref == name) {
			out = append(out, c)
		}
	}
	return out
}

// ControlNames lists every control name and ref, sorted: the candidates of a
// did-you-mean.
func (r *Repo) ControlNames() []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range r.Controls {
		for _, n := range []string{c.Addr.Name, c.Ref} {
			if n != "" && !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Explain gathers what the repository says about the control name (its name,
// one instance's label, or its ref), judging waivers' expiry at asOf.
func (r *Repo) Explain(name string, asOf time.Time) (*Explanation, error) {
	cs := r.controlsNamed(name)
	if len(cs) == 0 {
		s, _ := addrs.Closest(name, r.ControlNames())
		return nil, &UnknownControlError{Name: name, Suggestion: s}
	}
	c := cs[0]
	e := &Explanation{
		Control: ExplainedControl{Name: c.Addr.Name, Ref: c.Ref, Title: c.Title, Description: c.Description, Remediation: c.Remediation,
			Frequency: c.Frequency, Automated: c.Automated, Key: c.Key, Severity: c.Severity, Owner: c.Owner,
			File: c.File, Line: c.DeclRange.Start.Line},
		COSO:       []coso.Principle{},
		Mappings:   map[string][]string{},
		Risks:      []ExplainedRisk{},
		Providers:  []ExplainedProvider{},
		Targets:    []string{},
		Waivers:    []ExplainedWaiver{},
		RegoTests:  []policy.TestRule{},
		TestBlocks: []ExplainedTest{},
		Policy:     ExplainedPolicy{Package: c.Policy, Style: styleOf(c), Files: []ExplainedFile{}},
	}
	if o := c.Objective; o != nil {
		e.Objective = &ExplainedObjective{Label: o.Label, Ref: o.Ref, Title: o.Title, Description: o.Description, COSO: slices.Clone(o.COSO)}
		for _, n := range o.COSO {
			if p, ok := coso.Lookup(n); ok {
				e.COSO = append(e.COSO, p)
			}
		}
	}
	for name, ids := range c.Mappings {
		e.Mappings[name] = slices.Clone(ids)
	}
	if c.Objective != nil {
		for name, ids := range c.Objective.Mappings {
			for _, id := range ids {
				if !slices.Contains(e.Mappings[name], id) {
					e.Mappings[name] = append(e.Mappings[name], id)
				}
			}
			f, _ := frameworks.Lookup(name)
			slices.SortFunc(e.Mappings[name], f.Compare)
		}
	}
	for _, rk := range r.Risks {
		for _, m := range rk.MitigatedBy {
			if m.Name == c.Addr.Name {
				e.Risks = append(e.Risks, ExplainedRisk{Label: rk.Label, Ref: rk.Ref, Title: rk.Title, Score: rk.Score(), Rating: rk.Rating(), Fraud: rk.Fraud})
				break
			}
		}
	}
	used := map[addrs.Provider]bool{}
	for _, ci := range cs {
		e.Control.Instances = append(e.Control.Instances, ci.Label)
		for _, t := range ci.Targets {
			if !slices.Contains(e.Targets, t.Name) {
				e.Targets = append(e.Targets, t.Name)
			}
			for _, in := range t.Inputs {
				used[in.Provider] = true
			}
		}
	}
	if c.Policy != "" {
		e.Policy.SHA256 = r.Policies.PackageSHA256(c.Policy)
		for _, m := range r.Policies.PackageModules(c.Policy) {
			e.Policy.Files = append(e.Policy.Files, ExplainedFile{Path: m.Path, Package: m.Package, SHA256: m.SHA256, Source: string(m.Source)})
		}
		for _, t := range policy.TestRules(r.FS, r.Settings.PoliciesDir) {
			if t.Tests(c.Policy) {
				t.File = path.Clean(t.File)
				e.RegoTests = append(e.RegoTests, t)
			}
		}
	}
	for _, a := range sortedProviders(used) {
		if p := r.Providers[a]; p != nil {
			e.Providers = append(e.Providers, r.explainProvider(p))
		}
	}
	for _, w := range r.Waivers {
		if w.Control.Name != c.Addr.Name {
			continue
		}
		ew := ExplainedWaiver{Label: w.Label, Resources: w.Resources, Reason: w.Reason, ApprovedBy: w.ApprovedBy, Ticket: w.Ticket,
			Expires: w.ExpiresRaw, Expired: !asOf.Before(w.Expires), File: w.DeclRange.Filename, Line: w.DeclRange.Start.Line}
		if w.Control.Key != addrs.NoKey {
			ew.Instance = w.Control.String()
		}
		e.Waivers = append(e.Waivers, ew)
	}
	for _, t := range r.Tests {
		if t.Control != nil && t.Control.Addr.Name == c.Addr.Name {
			e.TestBlocks = append(e.TestBlocks, ExplainedTest{Label: t.Label, Target: t.Target.Name, Expect: string(t.Expect.Status), File: t.File, Line: t.DeclRange.Start.Line})
		}
	}
	return e, nil
}

func sortedProviders(set map[addrs.Provider]bool) []addrs.Provider {
	out := make([]addrs.Provider, 0, len(set))
	for a := range set {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// explainProvider describes a provider instance with its block's attributes as
// written.
func (r *Repo) explainProvider(p *Provider) ExplainedProvider {
	ep := ExplainedProvider{Address: p.Addr.String(), Type: p.Addr.Type, File: p.DeclRange.Filename, Line: p.DeclRange.Start.Line, Settings: []ExplainedSetting{}}
	if p.MaxAge > 0 {
		ep.MaxAge = p.MaxAge.String()
	}
	body, ok := p.Body.(*hclsyntax.Body)
	if !ok {
		return ep
	}
	src := r.Sources()
	attrs := make([]*hclsyntax.Attribute, 0, len(body.Attributes))
	for _, a := range body.Attributes {
		attrs = append(attrs, a)
	}
	sort.Slice(attrs, func(i, j int) bool { return attrs[i].SrcRange.Start.Byte < attrs[j].SrcRange.Start.Byte })
	for _, a := range attrs {
		rng := a.Expr.Range()
		text := ""
		if b, ok := src[rng.Filename]; ok && rng.End.Byte <= len(b) {
			text = strings.TrimSpace(string(b[rng.Start.Byte:rng.End.Byte]))
		}
		ep.Settings = append(ep.Settings, ExplainedSetting{Name: a.Name, Expr: text})
	}
	return ep
}
