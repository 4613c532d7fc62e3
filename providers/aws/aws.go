package aws

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/socle-dev/socle/providers"
)

// Type is the "aws" provider type.
type Type struct{}

var _ providers.Type = Type{}

// Name returns "aws".
func (Type) Name() string { return "aws" }

var schema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "snapshot", Required: true},
	},
}

// Configure validates a provider "aws" block: snapshot names a directory
// inside the repository.
func (Type) Configure(body hcl.Body, ctx *hcl.EvalContext, env providers.Env) (providers.Instance, hcl.Diagnostics) {
	content, diags := body.Content(schema)
	in := &instance{env: env}
	if attr, ok := content.Attributes["snapshot"]; ok {
		p, d := providers.PathAttribute(attr, ctx)
		diags = append(diags, d...)
		if !d.HasErrors() && strings.ContainsAny(p, "*?[") {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Invalid path for snapshot",
				Detail:   fmt.Sprintf("The aws provider reads one snapshot directory, named by AWS CLI command (iam-account-authorization-details.json, credential-report.csv, s3/<bucket>/…); %q is a glob. Name the directory itself.", p),
				Subject:  attr.Expr.Range().Ptr(),
			})
		}
		in.snapshot = p
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return in, diags
}

// instance is one configured provider "aws" block.
type instance struct {
	env      providers.Env
	snapshot string // cleaned directory path
}
