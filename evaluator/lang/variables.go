package lang

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/socle-dev/socle/evaluator/config"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// VarSource is where a variable's value came from, in increasing precedence:
// the declared default, SOCLE_VAR_name, then -var-file and -var in command-line
// order.
type VarSource int

const (
	FromDefault VarSource = iota
	FromEnv
	FromCLI // -var or -var-file
)

// RawVar is one value given for a variable before it is typed: a string from
// -var or the environment, or an expression from a -var-file.
type RawVar struct {
	Name   string
	Source VarSource
	// Origin names where it was given, for messages: "-var", "SOCLE_VAR_x",
	// or the var file's name.
	Origin string
	Text   string         // -var and environment values
	Expr   hcl.Expression // -var-file values
	Range  hcl.Range      // the attribute in a var file; zero otherwise
}

// ParseVarFile parses a variable definitions file (HCL attributes, or JSON when
// the name ends in .json) into raw values, in the order they appear.
func ParseVarFile(parser *hclparse.Parser, src []byte, filename string) ([]RawVar, hcl.Diagnostics) {
	var f *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(filename, ".json") {
		f, diags = parser.ParseJSON(src, filename)
	} else {
		f, diags = parser.ParseHCL(src, filename)
	}
	if diags.HasErrors() {
		return nil, diags
	}
	attrs, d := f.Body.JustAttributes()
	diags = append(diags, d...)
	raws := make([]RawVar, 0, len(attrs))
	for name, a := range attrs {
		raws = append(raws, RawVar{Name: name, Source: FromCLI, Origin: filename, Expr: a.Expr, Range: a.Range})
	}
	sort.Slice(raws, func(i, j int) bool { return raws[i].Range.Start.Byte < raws[j].Range.Start.Byte })
	return raws, diags
}

// ParseVarFlag splits a -var argument NAME=VALUE.
func ParseVarFlag(arg string) (RawVar, error) {
	name, value, ok := strings.Cut(arg, "=")
	if !ok || name == "" {
		return RawVar{}, fmt.Errorf("invalid -var %q: expected NAME=VALUE", arg)
	}
	return RawVar{Name: name, Source: FromCLI, Origin: "-var", Text: value}, nil
}

// VariableValues types and validates every declared variable from its raws
// (later ones win) or its default, and reports values given for variables that
// are not declared.
func VariableValues(decls map[string]*config.Variable, raws []RawVar, funcs *Scope) (map[string]cty.Value, hcl.Diagnostics) {
	var diags hcl.Diagnostics
	given := map[string]RawVar{}
	for _, r := range raws {
		if _, ok := decls[r.Name]; !ok {
			if r.Source == FromEnv {
				continue // like TF_VAR_, an environment value for an undeclared variable is ignored
			}
			d := &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Value for undeclared variable",
				Detail:   fmt.Sprintf("%s sets %q, but no variable block declares it.%s Declare it, or remove the value.", r.Origin, r.Name, suggestVar(r.Name, decls)),
			}
			if r.Expr != nil {
				d.Subject = r.Range.Ptr()
			}
			diags = append(diags, d)
			continue
		}
		given[r.Name] = r
	}

	names := make([]string, 0, len(decls))
	for n := range decls {
		names = append(names, n)
	}
	sort.Strings(names)
	vals := make(map[string]cty.Value, len(decls))
	for _, name := range names {
		decl := decls[name]
		ty := cty.DynamicPseudoType
		if decl.Type != nil {
			t, d := typeexpr.TypeConstraint(decl.Type)
			diags = append(diags, d...)
			if !d.HasErrors() {
				ty = t
			}
		}
		val, d := rawValue(decl, given, ty)
		diags = append(diags, d...)
		if d.HasErrors() {
			vals[name] = cty.UnknownVal(ty)
			continue
		}
		diags = append(diags, validate(decl, val, funcs)...)
		vals[name] = val
	}
	return vals, diags
}

func rawValue(decl *config.Variable, given map[string]RawVar, ty cty.Type) (cty.Value, hcl.Diagnostics) {
	r, ok := given[decl.Name]
	var val cty.Value
	var subject *hcl.Range
	origin := "its default"
	switch {
	case ok && r.Expr != nil:
		v, diags := r.Expr.Value(nil)
		if diags.HasErrors() {
			return cty.NilVal, diags
		}
		val, subject, origin = v, r.Range.Ptr(), r.Origin
	case ok:
		origin = r.Origin
		if ty == cty.String || ty == cty.DynamicPseudoType || ty.IsPrimitiveType() {
			val = cty.StringVal(r.Text)
			break
		}
		expr, diags := hclsyntax.ParseExpression([]byte(r.Text), r.Origin, hcl.InitialPos)
		if diags.HasErrors() {
			return cty.NilVal, hcl.Diagnostics{{
				Severity: hcl.DiagError,
				Summary:  "Invalid value for variable",
				Detail:   fmt.Sprintf("The value of %q given by %s is not a valid expression for type %s: %s. Give a value of that type (a list as [\"a\", \"b\"], a map as {k = \"v\"}).", decl.Name, r.Origin, typeexpr.TypeString(ty), diags[0].Summary),
			}}
		}
		v, diags := expr.Value(nil)
		if diags.HasErrors() {
			return cty.NilVal, diags
		}
		val = v
	case decl.Default != nil:
		v, diags := decl.Default.Value(nil)
		if diags.HasErrors() {
			return cty.NilVal, diags
		}
		val, subject = v, decl.Default.Range().Ptr()
	default:
		return cty.NilVal, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "No value for required variable",
			Detail:   fmt.Sprintf("The variable %q has no default. Give it a value with -var %s=…, -var-file, or SOCLE_VAR_%s.", decl.Name, decl.Name, decl.Name),
			Subject:  decl.DeclRange.Ptr(),
		}}
	}
	conv, err := convert.Convert(val, ty)
	if err != nil {
		if subject == nil {
			subject = decl.DeclRange.Ptr()
		}
		return cty.NilVal, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Invalid value for variable",
			Detail:   fmt.Sprintf("The value of %q from %s is not a %s: %s. Give a value of that type, or change the variable's type.", decl.Name, origin, typeexpr.TypeString(ty), err),
			Subject:  subject,
		}}
	}
	return conv, nil
}

func validate(decl *config.Variable, val cty.Value, scope *Scope) hcl.Diagnostics {
	var diags hcl.Diagnostics
	ctx := &hcl.EvalContext{
		Variables: map[string]cty.Value{"var": cty.ObjectVal(map[string]cty.Value{decl.Name: val})},
		Functions: scope.Functions,
	}
	for _, v := range decl.Validations {
		if v.Condition == nil || v.ErrorMessage == nil {
			continue // the missing argument is reported already
		}
		for _, t := range v.Condition.Variables() {
			if t.RootName() != "var" || len(t) < 2 {
				continue
			}
			if a, ok := t[1].(hcl.TraverseAttr); !ok || a.Name != decl.Name {
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Invalid validation condition",
					Detail:   fmt.Sprintf("A validation condition may refer only to the variable it validates, var.%s.", decl.Name),
					Subject:  t.SourceRange().Ptr(),
				})
			}
		}
		if diags.HasErrors() {
			continue
		}
		ok, d := v.Condition.Value(ctx)
		diags = append(diags, d...)
		if d.HasErrors() {
			continue
		}
		ok, err := convert.Convert(ok, cty.Bool)
		if err != nil || ok.IsNull() {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Invalid validation condition",
				Detail:   "The condition must be true or false: write a comparison, as length(var.x) > 0.",
				Subject:  v.Condition.Range().Ptr(),
			})
			continue
		}
		if !ok.IsKnown() || ok.True() {
			continue
		}
		msg, d := v.ErrorMessage.Value(ctx)
		diags = append(diags, d...)
		text := "The value is not valid."
		if !d.HasErrors() && msg.Type() == cty.String && msg.IsKnown() && !msg.IsNull() {
			text = msg.AsString()
		}
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid value for variable",
			Detail:   fmt.Sprintf("%s\n\nThis was checked by the validation rule at %s.", text, v.DeclRange),
			Subject:  v.Condition.Range().Ptr(),
		})
	}
	return diags
}

func suggestVar(name string, decls map[string]*config.Variable) string {
	names := make(map[string]bool, len(decls))
	for n := range decls {
		names[n] = true
	}
	return suggestPrefixed(name, "", names)
}
