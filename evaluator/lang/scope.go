package lang

import (
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// Scope is what an expression may refer to. It grows as values become known:
// variables first, then locals in dependency order, then objectives.
type Scope struct {
	Functions  map[string]function.Function
	Vars       map[string]cty.Value
	Locals     map[string]cty.Value
	Objectives map[string]cty.Value
}

// NewScope returns an empty scope with the given functions.
func NewScope(funcs map[string]function.Function) *Scope {
	return &Scope{
		Functions:  funcs,
		Vars:       map[string]cty.Value{},
		Locals:     map[string]cty.Value{},
		Objectives: map[string]cty.Value{},
	}
}

// Instance is the per-instance part of a stamped block: count.index or
// each.key/each.value. The zero value is a block without count or for_each.
type Instance struct {
	Key   addrs.InstanceKey
	Value cty.Value // each.value; cty.NilVal with count
}

// EvalContext returns the context for evaluating an expression, with count or
// each bound when inst stamps a block.
func (s *Scope) EvalContext(inst *Instance) *hcl.EvalContext {
	vars := map[string]cty.Value{
		"var":       cty.ObjectVal(s.Vars),
		"local":     cty.ObjectVal(s.Locals),
		"objective": cty.ObjectVal(s.Objectives),
	}
	if inst != nil && inst.Key != nil {
		switch k := inst.Key.(type) {
		case addrs.IntKey:
			vars["count"] = cty.ObjectVal(map[string]cty.Value{"index": k.Value()})
		case addrs.StringKey:
			vars["each"] = cty.ObjectVal(map[string]cty.Value{"key": k.Value(), "value": inst.Value})
		}
	}
	return &hcl.EvalContext{Variables: vars, Functions: s.Functions}
}

// Known tells CheckRefs which names exist.
type Known struct {
	Vars       map[string]bool
	Locals     map[string]bool
	Objectives map[string]bool
	Count      bool // count.index is available
	Each       bool // each.key and each.value are available
}

// CheckRefs reports every reference in expr that names nothing, with a
// suggestion for the likely typo. It runs before evaluation so a typo reads as
// "Unknown variable … Did you mean …" rather than a type error.
func CheckRefs(expr hcl.Expression, known Known) hcl.Diagnostics {
	if expr == nil {
		return nil
	}
	var diags hcl.Diagnostics
	for _, t := range expr.Variables() {
		ref, d := addrs.ParseRef(t)
		if d.HasErrors() {
			diags = append(diags, d...)
			continue
		}
		switch a := ref.Subject.(type) {
		case addrs.Variable:
			if !known.Vars[a.Name] {
				diags = append(diags, unknown("variable", a.String(), a.Name, "var.", known.Vars, "Declare it with a variable block", ref.SrcRange))
			}
		case addrs.Local:
			if !known.Locals[a.Name] {
				diags = append(diags, unknown("local value", a.String(), a.Name, "local.", known.Locals, "Declare it in a locals block", ref.SrcRange))
			}
		case addrs.Objective:
			if !known.Objectives[a.Name] {
				diags = append(diags, unknown("objective", a.String(), a.Name, "objective.", known.Objectives, "Declare it with an objective block", ref.SrcRange))
			}
		case addrs.Count:
			if !known.Count {
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Reference to count outside a counted block",
					Detail:   "count.index is only available in a control that sets count. Add count to the control, or remove the reference.",
					Subject:  ref.SrcRange.Ptr(),
				})
			}
		case addrs.Each:
			if !known.Each {
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Reference to each outside a for_each block",
					Detail:   "each.key and each.value are only available in a control that sets for_each. Add for_each to the control, or remove the reference.",
					Subject:  ref.SrcRange.Ptr(),
				})
			}
		case addrs.Control:
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Invalid reference to a control",
				Detail:   fmt.Sprintf("%s can only be used where a control is expected, such as a waiver's control attribute.", a),
				Subject:  ref.SrcRange.Ptr(),
			})
		}
	}
	return diags
}

func unknown(kind, addr, name, prefix string, names map[string]bool, todo string, rng hcl.Range) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  fmt.Sprintf("Unknown %s", kind),
		Detail:   fmt.Sprintf("There is no %s named %q (%s).%s %s, or correct the reference.", kind, name, addr, suggestPrefixed(name, prefix, names), todo),
		Subject:  rng.Ptr(),
	}
}

func suggestPrefixed(name, prefix string, names map[string]bool) string {
	cands := make([]string, 0, len(names))
	for n := range names {
		cands = append(cands, n)
	}
	sort.Strings(cands)
	if c, ok := addrs.Closest(name, cands); ok {
		return fmt.Sprintf(" Did you mean %s%s?", prefix, c)
	}
	return ""
}
