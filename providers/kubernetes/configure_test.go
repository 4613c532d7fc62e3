package kubernetes

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/socle-dev/socle/providers/internal/providertest"
)

func TestConfigure(t *testing.T) {
	tests := []struct {
		name, src string
		line      int    // of the diagnostic's subject
		summary   string // of the first diagnostic
	}{
		{"unknown attribute", `provider "kubernetes" {
  snapshot  = "manifests"
  namespace = "payments"
}`, 3, "Unsupported argument"},
		{"missing snapshot", `provider "kubernetes" {
  namespace_default = "payments"
}`, 1, "Missing required argument"},
		{"wrong type", `provider "kubernetes" {
  snapshot = ["manifests", "helm"]
}`, 2, "Incorrect attribute value type"},
		{"absolute path", `provider "kubernetes" {
  snapshot = "/etc/kubernetes/manifests"
}`, 2, "Invalid path for snapshot"},
		{"parent path", `provider "kubernetes" {
  snapshot = "../cluster/manifests"
}`, 2, "Invalid path for snapshot"},
		{"bad glob", `provider "kubernetes" {
  snapshot = "manifests/[a-"
}`, 2, "Invalid path for snapshot"},
		{"namespace uppercase", `provider "kubernetes" {
  snapshot = "manifests"

  namespace_default = "Payments"
}`, 4, "Invalid namespace name"},
		{"namespace empty", `provider "kubernetes" {
  snapshot          = "manifests"
  namespace_default = ""
}`, 3, "Invalid namespace name"},
		{"namespace too long", `provider "kubernetes" {
  snapshot          = "manifests"
  namespace_default = "payments-0123456789-0123456789-0123456789-0123456789-0123456789-x"
}`, 3, "Invalid namespace name"},
		{"namespace null", `provider "kubernetes" {
  snapshot          = "manifests"
  namespace_default = null
}`, 3, "Invalid value for namespace_default"},
		{"namespace list", `provider "kubernetes" {
  snapshot          = "manifests"
  namespace_default = ["payments"]
}`, 3, "Incorrect attribute value type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			providertest.ConfigureFails(t, Type{}, tt.src, repo(), tt.line, tt.summary, "")
		})
	}
}

func TestConfigureEvalContext(t *testing.T) {
	src := `provider "kubernetes" {
  snapshot          = "${local.dir}/pods.json"
  namespace_default = var.namespace
}`
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{
		"local": cty.ObjectVal(map[string]cty.Value{"dir": cty.StringVal("kubectl")}),
		"var":   cty.ObjectVal(map[string]cty.Value{"namespace": cty.StringVal("payments")}),
	}}
	in, diags := Type{}.Configure(providertest.Body(t, src), ctx, repo())
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	got := in.(*instance)
	if got.snapshot != "kubectl/pods.json" || got.namespaceDefault != "payments" {
		t.Errorf("configured %+v", got)
	}
}

func TestConfigureDefaults(t *testing.T) {
	in, diags := Type{}.Configure(providertest.Body(t, `provider "kubernetes" { snapshot = "./manifests/" }`), nil, repo())
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if got := in.(*instance); got.snapshot != "manifests" || got.namespaceDefault != "default" {
		t.Errorf("configured %+v", got)
	}
}
