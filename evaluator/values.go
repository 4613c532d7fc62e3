package evaluator

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/lang"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// eval evaluates an attribute's expression in the scope (with count/each bound
// by inst) and converts it to ty. ok is false when the attribute is absent,
// null, unknown (an earlier error), or wrong; errors are recorded.
func (l *loader) eval(expr hcl.Expression, inst *lang.Instance, ty cty.Type, what string) (cty.Value, bool) {
	if expr == nil {
		return cty.NilVal, false
	}
	known := l.known
	if inst != nil {
		_, known.Count = inst.Key.(addrs.IntKey)
		_, known.Each = inst.Key.(addrs.StringKey)
	}
	if d := lang.CheckRefs(expr, known); d.HasErrors() {
		l.diags = append(l.diags, d...)
		return cty.NilVal, false
	}
	val, d := expr.Value(l.scope.EvalContext(inst))
	l.diags = append(l.diags, d...)
	if d.HasErrors() || !val.IsWhollyKnown() {
		return cty.NilVal, false
	}
	if val.IsNull() {
		return cty.NilVal, false
	}
	conv, err := convert.Convert(val, ty)
	if err != nil {
		l.diags = append(l.diags, errorf(expr.Range().Ptr(), "Invalid "+what, "%s must be %s: %s.", what, friendly(ty), err))
		return cty.NilVal, false
	}
	if !conv.IsWhollyKnown() || conv.IsNull() {
		return cty.NilVal, false
	}
	return conv, true
}

func (l *loader) str(expr hcl.Expression, inst *lang.Instance, what string) string {
	v, ok := l.eval(expr, inst, cty.String, what)
	if !ok {
		return ""
	}
	return v.AsString()
}

func (l *loader) boolean(expr hcl.Expression, inst *lang.Instance, what string, def bool) bool {
	v, ok := l.eval(expr, inst, cty.Bool, what)
	if !ok {
		return def
	}
	return v.True()
}

func (l *loader) strings(expr hcl.Expression, inst *lang.Instance, what string) ([]string, bool) {
	v, ok := l.eval(expr, inst, cty.List(cty.String), what)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, v.LengthInt())
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsNull() {
			l.diags = append(l.diags, errorf(expr.Range().Ptr(), "Invalid "+what, "%s must not contain null. Remove the null, or give a value.", what))
			return nil, false
		}
		out = append(out, e.AsString())
	}
	return out, true
}

func (l *loader) stringMap(expr hcl.Expression, inst *lang.Instance, what string) map[string]string {
	v, ok := l.eval(expr, inst, cty.Map(cty.String), what)
	if !ok {
		return nil
	}
	out := map[string]string{}
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		if !e.IsNull() {
			out[k.AsString()] = e.AsString()
		}
	}
	return out
}

// oneOf reads a string attribute that must be one of allowed, def when absent.
func (l *loader) oneOf(expr hcl.Expression, inst *lang.Instance, what string, allowed []string, def string) string {
	if expr == nil {
		return def
	}
	s := l.str(expr, inst, what)
	if s == "" {
		return def
	}
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	l.diags = append(l.diags, errorf(expr.Range().Ptr(), "Invalid "+what, "%q is not a valid %s. Use one of: %s.%s", s, what, strings.Join(allowed, ", "), addrs.Suggest(s, allowed)))
	return def
}

// wholeNumber converts a number value to an int, if it is a whole number.
func wholeNumber(v cty.Value) (int, bool) {
	bf := v.AsBigFloat()
	if !bf.IsInt() {
		return 0, false
	}
	i, acc := bf.Int64()
	if acc != big.Exact || i > 1<<31 || i < -(1<<31) {
		return 0, false
	}
	return int(i), true
}

func friendly(ty cty.Type) string {
	switch {
	case ty == cty.String:
		return "a string"
	case ty == cty.Bool:
		return "true or false"
	case ty == cty.Number:
		return "a number"
	case ty.IsListType() && ty.ElementType() == cty.String:
		return "a list of strings"
	case ty.IsListType() && ty.ElementType() == cty.Number:
		return "a list of numbers"
	case ty.IsMapType() && ty.ElementType() == cty.String:
		return "a map of strings"
	}
	return fmt.Sprintf("of type %s", ty.FriendlyName())
}
