package file

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/socle-dev/socle/providers"
)

// Type is the "file" provider type.
type Type struct{}

var _ providers.Type = Type{}

// Name returns "file".
func (Type) Name() string { return "file" }

var schema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "snapshot", Required: true},
		{Name: "format"},
	},
}

// Configure validates a provider "file" block: snapshot is a path or glob
// inside the repository, format (optional) one of the known formats.
func (Type) Configure(body hcl.Body, ctx *hcl.EvalContext, env providers.Env) (providers.Instance, hcl.Diagnostics) {
	content, diags := body.Content(schema)
	in := &instance{env: env}
	if attr, ok := content.Attributes["snapshot"]; ok {
		snapshot, d := providers.PathAttribute(attr, ctx)
		diags = append(diags, d...)
		in.snapshot = snapshot
	}
	if attr, ok := content.Attributes["format"]; ok {
		f, d := providers.StringAttribute(attr, ctx)
		diags = append(diags, d...)
		if !d.HasErrors() {
			in.format = format(f)
			if !in.format.valid() {
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Unknown file format",
					Detail:   fmt.Sprintf("The format %q is not one socle reads; use one of %s.", f, strings.Join(formatNames(), ", ")),
					Subject:  attr.Expr.Range().Ptr(),
				})
			}
		}
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return in, diags
}

// instance is one configured provider "file" block.
type instance struct {
	env      providers.Env
	snapshot string // cleaned path or glob
	format   format // "" when each file's extension decides
}
