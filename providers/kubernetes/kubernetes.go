package kubernetes

import (
	"fmt"
	"regexp"

	"github.com/hashicorp/hcl/v2"

	"github.com/socle-dev/socle/providers"
)

// Type is the "kubernetes" provider type.
type Type struct{}

var _ providers.Type = Type{}

// Name returns "kubernetes".
func (Type) Name() string { return "kubernetes" }

var schema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "snapshot", Required: true},
		{Name: "namespace_default"},
	},
}

// defaultNamespace is the namespace kubectl gives a namespaced object that
// names none, when the kubeconfig context sets none either.
const defaultNamespace = "default"

// namespaceName is what Kubernetes accepts as a namespace name: a DNS label
// (RFC 1123) of at most 63 characters.
var namespaceName = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$`)

// Configure validates a provider "kubernetes" block: snapshot names manifest
// files inside the repository; namespace_default (optional) is a namespace
// name.
func (Type) Configure(body hcl.Body, ctx *hcl.EvalContext, env providers.Env) (providers.Instance, hcl.Diagnostics) {
	content, diags := body.Content(schema)
	in := &instance{env: env, namespaceDefault: defaultNamespace}
	if attr, ok := content.Attributes["snapshot"]; ok {
		p, d := providers.PathAttribute(attr, ctx)
		diags = append(diags, d...)
		in.snapshot = p
	}
	if attr, ok := content.Attributes["namespace_default"]; ok {
		ns, d := providers.StringAttribute(attr, ctx)
		diags = append(diags, d...)
		if !d.HasErrors() {
			in.namespaceDefault = ns
			if !namespaceName.MatchString(ns) {
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Invalid namespace name",
					Detail:   fmt.Sprintf("%q is not a Kubernetes namespace name: use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit (such as \"default\" or \"payments-prod\").", ns),
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

// instance is one configured provider "kubernetes" block.
type instance struct {
	env              providers.Env
	snapshot         string // cleaned path or glob
	namespaceDefault string // given to namespaced objects that name no namespace
}
