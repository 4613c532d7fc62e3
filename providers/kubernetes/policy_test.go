package kubernetes

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// TestPolicies evaluates the example policies of testdata/policies over the
// document of the whole fixture repository, as the evaluator would
// (input.kubernetes), to show that the document's shape makes them short.
func TestPolicies(t *testing.T) {
	doc, err := load(t, repo(), `provider "kubernetes" {
  snapshot          = "."
  namespace_default = "payments"
}`)
	if err != nil {
		t.Fatal(err)
	}
	input, err := ast.InterfaceToValue(map[string]any{"kubernetes": doc.Value})
	if err != nil {
		t.Fatal(err)
	}
	paths, err := filepath.Glob(filepath.Join("testdata", "policies", "*.rego"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no policies: %v", err)
	}
	opts := []func(*rego.Rego){rego.Query("data.socle.kubernetes"), rego.SetRegoVersion(ast.RegoV1)}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		opts = append(opts, rego.Module(p, string(src)))
	}
	pq, err := rego.New(opts...).PrepareForEval(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	rs, err := pq.Eval(context.Background(), rego.EvalParsedInput(input))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || len(rs[0].Expressions) != 1 {
		t.Fatalf("result set %v", rs)
	}
	decisions := rs[0].Expressions[0].Value.(map[string]any)

	tests := []struct {
		policy    string
		resources int
		deny      map[string]string // resource → message
	}{
		{"no_privileged", 8, map[string]string{
			"DaemonSet/kube-system/node-agent": `container "agent" (containers of spec.template.spec) runs privileged`,
			"Pod/kube-system/node-agent-5jw7r": `container "agent" (containers of spec) runs privileged`,
		}},
		{"no_cluster_admin", 2, map[string]string{
			"ClusterRoleBinding//oncall-admin": `oncall-admin binds cluster-admin to the Group "payments-oncall" (manifests/rbac.yaml:14)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.policy, func(t *testing.T) {
			d := decisions[tt.policy].(map[string]any)
			if n := len(d["resources"].([]any)); n != tt.resources {
				t.Errorf("%d resources, want %d: %v", n, tt.resources, d["resources"])
			}
			got := map[string]string{}
			for _, f := range d["deny"].([]any) {
				f := f.(map[string]any)
				got[f["resource"].(string)] = f["message"].(string)
			}
			if !reflect.DeepEqual(got, tt.deny) {
				t.Errorf("deny\n got %v\nwant %v", got, tt.deny)
			}
		})
	}
}
