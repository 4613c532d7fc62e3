package providers

import (
	"fmt"
	"path"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// StringAttribute evaluates a provider block attribute that must be a string.
// A value of another type that converts to a string (a number, a bool) is
// accepted, as HCL does for string arguments. Every problem is a diagnostic on
// the attribute's expression.
func StringAttribute(attr *hcl.Attribute, ctx *hcl.EvalContext) (string, hcl.Diagnostics) {
	val, diags := attr.Expr.Value(ctx)
	if diags.HasErrors() {
		return "", diags
	}
	bad := func(detail string) (string, hcl.Diagnostics) {
		return "", append(diags, &hcl.Diagnostic{
			Severity:    hcl.DiagError,
			Summary:     "Invalid value for " + attr.Name,
			Detail:      detail,
			Subject:     attr.Expr.Range().Ptr(),
			Expression:  attr.Expr,
			EvalContext: ctx,
		})
	}
	if val.IsNull() {
		return bad(fmt.Sprintf("The argument %q must be a string, not null.", attr.Name))
	}
	if !val.IsWhollyKnown() {
		return bad(fmt.Sprintf("The value of %q must be known when the configuration is loaded.", attr.Name))
	}
	str, err := convert.Convert(val, cty.String)
	if err != nil {
		return "", append(diags, &hcl.Diagnostic{
			Severity:    hcl.DiagError,
			Summary:     "Incorrect attribute value type",
			Detail:      fmt.Sprintf("Inappropriate value for attribute %q: a string is required, not %s.", attr.Name, val.Type().FriendlyName()),
			Subject:     attr.Expr.Range().Ptr(),
			Expression:  attr.Expr,
			EvalContext: ctx,
		})
	}
	str, _ = str.Unmark()
	return str.AsString(), diags
}

// PathAttribute evaluates a provider block attribute naming a file, a
// directory or a glob inside the policy repository, and returns it cleaned
// (see CleanPath). A path outside the repository or a malformed glob is a
// diagnostic on the attribute's expression; whether the path exists is only
// checked when the provider loads.
func PathAttribute(attr *hcl.Attribute, ctx *hcl.EvalContext) (string, hcl.Diagnostics) {
	p, diags := StringAttribute(attr, ctx)
	if diags.HasErrors() {
		return "", diags
	}
	bad := func(detail string) (string, hcl.Diagnostics) {
		return "", append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid path for " + attr.Name,
			Detail:   detail,
			Subject:  attr.Expr.Range().Ptr(),
		})
	}
	clean, err := CleanPath(p)
	if err != nil {
		return bad(capitalize(err.Error()) + ".")
	}
	if strings.ContainsAny(clean, "*?[") {
		if _, err := path.Match(clean, ""); err != nil {
			return bad(fmt.Sprintf("%q is not a valid glob (%v).", p, err))
		}
	}
	return clean, diags
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
