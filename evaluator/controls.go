package evaluator

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/config"
	"github.com/socle-dev/socle/evaluator/lang"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/zclconf/go-cty/cty"
)

// PolicyStyles are the policy contracts a control may use.
var PolicyStyles = []string{"socle", "conftest"}

// checkConftestTargets requires a conftest-style control to read one file
// provider instance per target: conftest evaluates files.
func (l *loader) checkConftestTargets(c *config.Control, targets []Target) {
	for _, t := range targets {
		if len(t.Inputs) != 1 || t.Inputs[0].Provider.Type != "file" {
			l.diags = append(l.diags, errorf(c.Providers.Range().Ptr(), "Invalid providers for a conftest policy",
				"A control with policy_style = \"conftest\" evaluates each file of one file provider instance on its own, as conftest does; list file instances only, as [file.manifests]."))
			return
		}
	}
}

// MaxInstances bounds the instances count or for_each may stamp from one
// control, so a typo (count = 1e9) is an error rather than an exhausted machine.
const MaxInstances = 10000

// controls evaluates every control block into its instances.
func (l *loader) controls() {
	for _, name := range keys(l.cfg.Controls) {
		c := l.cfg.Controls[name]
		objective := l.objectiveRef(c.Objective)
		insts := l.instances(c)
		if len(insts) == 0 && (c.Count != nil || c.ForEach != nil) {
			l.repo.NoInstances = append(l.repo.NoInstances, name)
		}
		// automated decides the block's shape, so it is read once per block.
		automated := true
		if c.Automated != nil && len(insts) > 0 {
			automated = l.boolean(c.Automated, insts[0], "automated", true)
		}
		mappings := l.mappings(c.Mappings)
		var targets []Target
		pkg, style := "", "socle"
		if automated {
			l.requireAutomated(c)
			targets = l.targets(c.Providers)
			if c.Policy != nil {
				if v, ok := l.eval(c.Policy, nil, cty.String, "policy"); ok {
					pkg = v.AsString()
					if !l.checkPolicy(c, pkg) {
						pkg = ""
					}
				}
			}
			style = l.oneOf(c.PolicyStyle, nil, "policy_style", PolicyStyles, "socle")
			if style == "conftest" {
				l.checkConftestTargets(c, targets)
			}
		} else {
			l.checkManual(c)
			targets = []Target{{Name: ManualTarget}}
		}
		for _, inst := range insts {
			ctl := &Control{
				Addr:          addrs.Control{Name: name, Key: inst.Key},
				Label:         name + inst.Key.String(),
				Ref:           l.str(c.Ref, inst, "ref"),
				Title:         l.str(c.Title, inst, "title"),
				Description:   l.str(c.Description, inst, "description"),
				Remediation:   l.str(c.Remediation, inst, "remediation"),
				Objective:     objective,
				Policy:        pkg,
				PolicyStyle:   style,
				Targets:       targets,
				Frequency:     l.oneOf(c.Frequency, inst, "frequency", Frequencies, "continuous"),
				FrequencySet:  c.Frequency != nil,
				Automated:     automated,
				Key:           l.boolean(c.Key, inst, "key", false),
				Severity:      l.oneOf(c.Severity, inst, "severity", result.Severities, result.DefaultSeverity),
				Owner:         l.str(c.Owner, inst, "owner"),
				Tags:          l.stringMap(c.Tags, inst, "tags"),
				Mappings:      mappings,
				TestProcedure: l.testProcedure(c.TestProcedure, inst),
				Evidence:      l.evidence(c, inst),
				File:          l.cfg.FileNames[c.DeclRange.Filename],
				DeclRange:     c.DeclRange,
			}
			l.repo.Controls = append(l.repo.Controls, ctl)
		}
	}
	sortControls(l.repo.Controls)
}

// requireAutomated reports what an automated control lacks or must not have.
func (l *loader) requireAutomated(c *config.Control) {
	for _, a := range []struct {
		name string
		expr hcl.Expression
		eg   string
	}{{"policy", c.Policy, `policy = "socle.aws.iam_mfa"`}, {"providers", c.Providers, "providers = [aws]"}} {
		if a.expr == nil {
			l.diags = append(l.diags, errorf(c.DeclRange.Ptr(), "Missing required argument",
				"The argument %q is required: an automated control names the Rego package it runs and the providers it reads (%s). A control performed by people is declared with automated = false and evidence files instead.", a.name, a.eg))
		}
	}
	for _, e := range c.Evidence {
		l.diags = append(l.diags, errorf(e.DeclRange.Ptr(), "Evidence on an automated control",
			"evidence blocks belong to manual controls (automated = false); an automated control's evidence is its evaluation. Remove the block, or set automated = false."))
	}
}

// checkManual reports what a manual control must not have.
func (l *loader) checkManual(c *config.Control) {
	for _, a := range []struct {
		name string
		expr hcl.Expression
	}{{"policy", c.Policy}, {"providers", c.Providers}, {"policy_style", c.PolicyStyle}} {
		if a.expr != nil {
			l.diags = append(l.diags, errorf(a.expr.Range().Ptr(), "Unexpected argument on a manual control",
				"A manual control (automated = false) is evidenced by files, not evaluated: remove %s, or make the control automated.", a.name))
		}
	}
}

func sortControls(cs []*Control) {
	order := func(c *Control) result.Order {
		o := result.Order{ControlRef: c.Ref, ControlLabel: c.Label}
		if c.Objective != nil {
			o.ObjectiveRef, o.ObjectiveLabel = c.Objective.Ref, c.Objective.Label
		}
		return o
	}
	slices.SortStableFunc(cs, func(a, b *Control) int { return order(a).Compare(order(b)) })
}

// instances expands count or for_each. A control with neither has one
// instance with no key; count = 0 or an empty for_each gives none.
func (l *loader) instances(c *config.Control) []*lang.Instance {
	switch {
	case c.Count != nil:
		v, ok := l.eval(c.Count, nil, cty.Number, "count")
		if !ok {
			return nil
		}
		n, whole := wholeNumber(v)
		if !whole || n < 0 {
			l.diags = append(l.diags, errorf(c.Count.Range().Ptr(), "Invalid count", "count must be a whole number of zero or more."))
			return nil
		}
		if n > MaxInstances {
			l.diags = append(l.diags, errorf(c.Count.Range().Ptr(), "Too many instances", "count is %d; a control may have at most %d instances. Split the control into several, or lower count.", n, MaxInstances))
			return nil
		}
		out := make([]*lang.Instance, n)
		for i := range out {
			out[i] = &lang.Instance{Key: addrs.IntKey(i)}
		}
		return out
	case c.ForEach != nil:
		v, ok := l.eval(c.ForEach, nil, cty.DynamicPseudoType, "for_each")
		if !ok {
			return nil
		}
		ty := v.Type()
		var out []*lang.Instance
		switch {
		case ty.IsMapType() || ty.IsObjectType():
			for it := v.ElementIterator(); it.Next(); {
				k, e := it.Element()
				out = append(out, &lang.Instance{Key: addrs.StringKey(k.AsString()), Value: e})
			}
		case ty.IsSetType() && ty.ElementType() == cty.String:
			for it := v.ElementIterator(); it.Next(); {
				_, e := it.Element()
				out = append(out, &lang.Instance{Key: addrs.StringKey(e.AsString()), Value: e})
			}
		case ty.IsListType() || ty.IsTupleType() || ty.IsSetType():
			l.diags = append(l.diags, errorf(c.ForEach.Range().Ptr(), "Invalid for_each",
				"for_each takes a map, or a set of strings; for a list of strings, write toset-like distinct keys as a map: { for s in LIST : s => s }."))
			return nil
		default:
			l.diags = append(l.diags, errorf(c.ForEach.Range().Ptr(), "Invalid for_each", "for_each takes a map, or a set of strings, not %s.", ty.FriendlyName()))
			return nil
		}
		if len(out) > MaxInstances {
			l.diags = append(l.diags, errorf(c.ForEach.Range().Ptr(), "Too many instances", "for_each has %d elements; a control may have at most %d instances. Split the control into several, or narrow for_each.", len(out), MaxInstances))
			return nil
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Key.String() < out[j].Key.String() })
		return out
	}
	return []*lang.Instance{{Key: addrs.NoKey}}
}

// objectiveRef resolves a control's objective.
func (l *loader) objectiveRef(expr hcl.Expression) *Objective {
	if expr == nil {
		return nil
	}
	t, d := hcl.AbsTraversalForExpr(expr)
	if d.HasErrors() {
		l.diags = append(l.diags, errorf(expr.Range().Ptr(), "Invalid objective reference", "Refer to an objective as objective.NAME."))
		return nil
	}
	ref, d := addrs.ParseRef(t)
	if d.HasErrors() {
		l.diags = append(l.diags, d...)
		return nil
	}
	o, ok := ref.Subject.(addrs.Objective)
	if !ok || len(ref.Remaining) > 0 {
		l.diags = append(l.diags, errorf(expr.Range().Ptr(), "Invalid objective reference", "Expected an objective, as objective.NAME; %s is not one.", ref.Subject))
		return nil
	}
	obj, exists := l.repo.Objectives[o.Name]
	if !exists {
		l.diags = append(l.diags, errorf(ref.SrcRange.Ptr(), "Unknown objective",
			"There is no objective named %q.%s Declare it with an objective block, or correct the reference.", o.Name, suggestAddr("objective.", o.Name, keys(l.cfg.Objectives))))
		return nil
	}
	return obj
}

// targets reads a control's providers attribute: a list of provider references
// (one target per instance, input keyed by type; several types combine) or a map
// from input key to a reference or a list of references (a join; list values fan
// out). Targets are sorted by name.
func (l *loader) targets(expr hcl.Expression) []Target {
	if expr == nil {
		return nil
	}
	if elems, d := hcl.ExprList(expr); !d.HasErrors() {
		if len(elems) == 0 {
			l.diags = append(l.diags, errorf(expr.Range().Ptr(), "No providers", "providers must name at least one provider instance, as [aws] or { hr = file.hr }."))
			return nil
		}
		byType := map[string][]addrs.Provider{}
		var types []string
		seen := map[addrs.Provider]bool{}
		for _, e := range elems {
			p, ok := l.providerRef(e)
			if !ok {
				continue
			}
			if seen[p] {
				l.diags = append(l.diags, errorf(e.Range().Ptr(), "Duplicate provider", "%s is listed twice. List each provider instance once.", p))
				continue
			}
			seen[p] = true
			if _, ok := byType[p.Type]; !ok {
				types = append(types, p.Type)
			}
			byType[p.Type] = append(byType[p.Type], p)
		}
		sort.Strings(types)
		axes := make([]axis, len(types))
		for i, t := range types {
			axes[i] = axis{key: t, providers: byType[t]}
		}
		return combine(axes, false)
	}
	pairs, d := hcl.ExprMap(expr)
	if d.HasErrors() {
		l.diags = append(l.diags, errorf(expr.Range().Ptr(), "Invalid providers",
			"providers must be a list of provider instances, as [aws, aws.staging], or a map from input name to instance, as { hr = file.hr, idp = file.idp }."))
		return nil
	}
	if len(pairs) == 0 {
		l.diags = append(l.diags, errorf(expr.Range().Ptr(), "No providers", "providers must name at least one provider instance."))
		return nil
	}
	var axes []axis
	seenKey := map[string]bool{}
	for _, pair := range pairs {
		key := hcl.ExprAsKeyword(pair.Key)
		if key == "" {
			kv, d := pair.Key.Value(nil)
			if d.HasErrors() || kv.Type() != cty.String || kv.IsNull() {
				l.diags = append(l.diags, errorf(pair.Key.Range().Ptr(), "Invalid input name", "An input name must be a literal name, as hr or \"hr\"."))
				continue
			}
			key = kv.AsString()
		}
		if seenKey[key] {
			l.diags = append(l.diags, errorf(pair.Key.Range().Ptr(), "Duplicate input name", "The input name %q is used twice. Give each input its own name.", key))
			continue
		}
		seenKey[key] = true
		a := axis{key: key}
		if elems, d := hcl.ExprList(pair.Value); !d.HasErrors() {
			for _, e := range elems {
				if p, ok := l.providerRef(e); ok {
					a.providers = append(a.providers, p)
				}
			}
			if len(elems) == 0 {
				l.diags = append(l.diags, errorf(pair.Value.Range().Ptr(), "No providers", "The input %q lists no provider instance. Name one, as %s = file.hr, or remove the input.", key, key))
			}
		} else if p, ok := l.providerRef(pair.Value); ok {
			a.providers = []addrs.Provider{p}
		}
		if len(a.providers) > 0 {
			axes = append(axes, a)
		}
	}
	sort.Slice(axes, func(i, j int) bool { return axes[i].key < axes[j].key })
	if len(axes) != len(pairs) {
		return nil
	}
	return combine(axes, true)
}

// providerRef resolves one provider reference to a declared instance.
func (l *loader) providerRef(expr hcl.Expression) (addrs.Provider, bool) {
	t, d := hcl.AbsTraversalForExpr(expr)
	if d.HasErrors() {
		l.diags = append(l.diags, errorf(expr.Range().Ptr(), "Invalid provider reference", "Refer to a provider instance by its type and alias, as aws or aws.staging."))
		return addrs.Provider{}, false
	}
	p, d := addrs.ParseProviderRef(t)
	if d.HasErrors() {
		l.diags = append(l.diags, d...)
		return addrs.Provider{}, false
	}
	if _, ok := l.cfg.Providers[p]; !ok {
		what := fmt.Sprintf("There is no provider block for %s.", p)
		if p.Alias != "" {
			what = fmt.Sprintf("There is no provider %q with alias %q.", p.Type, p.Alias)
		}
		l.diags = append(l.diags, errorf(expr.Range().Ptr(), "Unknown provider", "%s%s Declare it with a provider block, or correct the reference.",
			what, addrs.Suggest(p.String(), l.providerAddrs())))
		return addrs.Provider{}, false
	}
	return p, true
}

// axis is one input key and the instances it ranges over.
type axis struct {
	key       string
	providers []addrs.Provider
}

// combine returns one target per combination of the axes' instances. Names are
// the instance address when a list names one type; otherwise key=address pairs
// for a map, or addresses, joined by commas.
func combine(axes []axis, mapForm bool) []Target {
	targets := []Target{{}}
	for _, a := range axes {
		var next []Target
		for _, t := range targets {
			for _, p := range a.providers {
				inputs := append(append([]TargetInput{}, t.Inputs...), TargetInput{Key: a.key, Provider: p})
				next = append(next, Target{Inputs: inputs})
			}
		}
		targets = next
	}
	for i := range targets {
		parts := make([]string, len(targets[i].Inputs))
		for j, in := range targets[i].Inputs {
			if mapForm {
				parts[j] = in.Key + "=" + in.Provider.String()
			} else {
				parts[j] = in.Provider.String()
			}
		}
		targets[i].Name = strings.Join(parts, ",")
	}
	sort.Slice(targets, func(i, j int) bool { return targets[i].Name < targets[j].Name })
	return targets
}
