package terraform

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/socle-dev/socle/providers"
)

// Type is the "terraform" provider type.
type Type struct{}

var _ providers.Type = Type{}

// Name returns "terraform".
func (Type) Name() string { return "terraform" }

var schema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "snapshot", Required: true},
		{Name: "source"},
	},
}

// Configure validates a provider "terraform" block: snapshot names one plan
// or state JSON file inside the repository; source (optional) the directory
// of the .tf files, not a glob.
func (Type) Configure(body hcl.Body, ctx *hcl.EvalContext, env providers.Env) (providers.Instance, hcl.Diagnostics) {
	content, diags := body.Content(schema)
	in := &instance{env: env}
	if attr, ok := content.Attributes["snapshot"]; ok {
		p, d := providers.PathAttribute(attr, ctx)
		diags = append(diags, d...)
		in.snapshot = p
	}
	if attr, ok := content.Attributes["source"]; ok {
		p, d := providers.PathAttribute(attr, ctx)
		diags = append(diags, d...)
		if !d.HasErrors() && strings.ContainsAny(p, "*?[") {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Invalid path for source",
				Detail:   fmt.Sprintf("%q is a glob; source names one directory, the root module of the configuration (the modules it calls are found through its module blocks).", p),
				Subject:  attr.Expr.Range().Ptr(),
			})
		}
		in.source = p
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return in, diags
}

// instance is one configured provider "terraform" block.
type instance struct {
	env      providers.Env
	snapshot string // cleaned path or glob naming one file
	source   string // cleaned directory of the .tf files; "" when not set
}
