package lang

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/config"
	"github.com/zclconf/go-cty/cty"
)

// EvaluateLocals evaluates the locals in dependency order, adding each to the
// scope as it becomes known. A cycle is reported once, naming its members; a
// local that cannot be evaluated becomes unknown, so what depends on it is not
// reported again.
func EvaluateLocals(locals map[string]*config.Local, scope *Scope, known Known) hcl.Diagnostics {
	var diags hcl.Diagnostics
	deps := map[string][]string{}
	names := make([]string, 0, len(locals))
	for name, l := range locals {
		names = append(names, name)
		d := CheckRefs(l.Expr, known)
		diags = append(diags, d...)
		if d.HasErrors() {
			scope.Locals[name] = cty.DynamicVal
		}
		for _, t := range l.Expr.Variables() {
			ref, d := addrs.ParseRef(t)
			if d.HasErrors() {
				continue
			}
			if a, ok := ref.Subject.(addrs.Local); ok {
				if _, exists := locals[a.Name]; exists {
					deps[name] = append(deps[name], a.Name)
				}
			}
		}
		sort.Strings(deps[name])
	}
	sort.Strings(names)

	const (
		unvisited = iota
		visiting
		done
	)
	state := map[string]int{}
	var stack []string
	var visit func(name string)
	visit = func(name string) {
		switch state[name] {
		case done:
			return
		case visiting:
			i := len(stack) - 1
			for stack[i] != name {
				i--
			}
			cycle := append(append([]string{}, stack[i:]...), name)
			for k := range cycle {
				cycle[k] = "local." + cycle[k]
			}
			l := locals[name]
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Dependency cycle among locals",
				Detail:   fmt.Sprintf("These local values refer to each other: %s. Break the cycle.", strings.Join(cycle, " → ")),
				Subject:  l.DeclRange.Ptr(),
			})
			for _, n := range stack[i:] {
				scope.Locals[n] = cty.DynamicVal
			}
			return
		}
		state[name] = visiting
		stack = append(stack, name)
		for _, dep := range deps[name] {
			visit(dep)
		}
		stack = stack[:len(stack)-1]
		state[name] = done
		if _, failed := scope.Locals[name]; failed {
			return
		}
		val, d := locals[name].Expr.Value(scope.EvalContext(nil))
		diags = append(diags, d...)
		if d.HasErrors() {
			val = cty.DynamicVal
		}
		scope.Locals[name] = val
	}
	for _, name := range names {
		visit(name)
	}
	return diags
}
