package github

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/socle-dev/socle/providers"
)

// TestPolicies evaluates the example policies of testdata/policies over the
// acme document (payroll-api well protected; payroll-web protected with no
// required approval, administrators exempt and force pushes allowed;
// infra-scripts unprotected), and over variants of it, to show the
// document's shape serves simple policies.
func TestPolicies(t *testing.T) {
	compiler := compilePolicies(t)
	tests := []struct {
		name   string
		change func(repos map[string]any)
		// Denied resources, one entry per deny, sorted.
		protection, forcePushes []string
		resources               int
	}{
		{
			name:        "acme",
			protection:  []string{"acme-payroll/infra-scripts", "acme-payroll/payroll-web", "acme-payroll/payroll-web"},
			forcePushes: []string{"acme-payroll/infra-scripts", "acme-payroll/payroll-web"},
			resources:   3,
		},
		{
			name: "infra-scripts protected by an enforced ruleset",
			change: func(repos map[string]any) {
				repos["infra-scripts"].(map[string]any)["rulesets"] = []any{ruleset("active", []any{})}
			},
			protection:  []string{"acme-payroll/payroll-web", "acme-payroll/payroll-web"},
			forcePushes: []string{"acme-payroll/payroll-web"},
			resources:   3,
		},
		{
			name: "a ruleset administrators may bypass",
			change: func(repos map[string]any) {
				repos["infra-scripts"].(map[string]any)["rulesets"] = []any{ruleset("active", []any{
					map[string]any{"actor_id": number("5"), "actor_type": "RepositoryRole", "bypass_mode": "always"},
				})}
			},
			protection:  []string{"acme-payroll/infra-scripts", "acme-payroll/payroll-web", "acme-payroll/payroll-web"},
			forcePushes: []string{"acme-payroll/infra-scripts", "acme-payroll/payroll-web"},
			resources:   3,
		},
		{
			name: "a ruleset only evaluated",
			change: func(repos map[string]any) {
				repos["infra-scripts"].(map[string]any)["rulesets"] = []any{ruleset("evaluate", []any{})}
			},
			protection:  []string{"acme-payroll/infra-scripts", "acme-payroll/payroll-web", "acme-payroll/payroll-web"},
			forcePushes: []string{"acme-payroll/infra-scripts", "acme-payroll/payroll-web"},
			resources:   3,
		},
		{
			name: "payroll-web archived",
			change: func(repos map[string]any) {
				repos["payroll-web"].(map[string]any)["repository"].(map[string]any)["archived"] = true
			},
			protection:  []string{"acme-payroll/infra-scripts"},
			forcePushes: []string{"acme-payroll/infra-scripts"},
			resources:   2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := load(t, "acme")
			if err != nil {
				t.Fatal(err)
			}
			if tt.change != nil {
				tt.change(doc.Value.(map[string]any)["repositories"].(map[string]any))
			}
			input, err := ast.InterfaceToValue(map[string]any{"github": doc.Value})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range []struct {
				pkg  string
				want []string
			}{
				{"socle.github.branch_protection", tt.protection},
				{"socle.github.force_pushes", tt.forcePushes},
			} {
				denied, resources := evaluate(t, compiler, p.pkg, input)
				if !slices.Equal(denied, p.want) {
					t.Errorf("%s: denied %q, want %q", p.pkg, denied, p.want)
				}
				if resources != tt.resources {
					t.Errorf("%s: %d resources, want %d", p.pkg, resources, tt.resources)
				}
			}
		})
	}
}

// ruleset is an organization ruleset on every default branch that requires
// one approving review and blocks force pushes, as the API details it.
func ruleset(enforcement string, bypass []any) map[string]any {
	return map[string]any{
		"id":          number("2210334"),
		"name":        "Default branch baseline",
		"target":      "branch",
		"source_type": "Organization",
		"source":      "acme-payroll",
		"enforcement": enforcement,
		"conditions": map[string]any{
			"ref_name":        map[string]any{"exclude": []any{}, "include": []any{"~DEFAULT_BRANCH"}},
			"repository_name": map[string]any{"exclude": []any{}, "include": []any{"~ALL"}, "protected": true},
		},
		"rules": []any{
			map[string]any{"type": "deletion"},
			map[string]any{"type": "non_fast_forward"},
			map[string]any{"type": "pull_request", "parameters": map[string]any{
				"required_approving_review_count":   number("1"),
				"dismiss_stale_reviews_on_push":     true,
				"require_code_owner_review":         false,
				"require_last_push_approval":        false,
				"required_review_thread_resolution": false,
			}},
		},
		"bypass_actors": bypass,
	}
}

func number(s string) any {
	v, err := providers.DecodeJSON("n", []byte(s))
	if err != nil {
		panic(err)
	}
	return v
}

func compilePolicies(t *testing.T) *ast.Compiler {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "policies", "*.rego"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no policies: %v", err)
	}
	modules := map[string]*ast.Module{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, err := ast.ParseModuleWithOpts(f, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Fatal(err)
		}
		modules[f] = m
	}
	c := ast.NewCompiler().WithDefaultRegoVersion(ast.RegoV1)
	if c.Compile(modules); c.Failed() {
		t.Fatal(c.Errors)
	}
	return c
}

// evaluate returns the resources the package denies (one per deny, sorted)
// and the size of its population.
func evaluate(t *testing.T, c *ast.Compiler, pkg string, input ast.Value) (denied []string, resources int) {
	t.Helper()
	pq, err := rego.New(rego.Compiler(c), rego.Store(inmem.New()), rego.Query("data."+pkg)).PrepareForEval(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	rs, err := pq.Eval(context.Background(), rego.EvalParsedInput(input))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 {
		t.Fatalf("%s: %d results", pkg, len(rs))
	}
	decision := rs[0].Expressions[0].Value.(map[string]any)
	for _, d := range decision["deny"].([]any) {
		f := d.(map[string]any)
		if f["message"] == "" {
			t.Errorf("%s: a deny without a message: %v", pkg, f)
		}
		denied = append(denied, f["resource"].(string))
	}
	slices.Sort(denied)
	return denied, len(decision["resources"].([]any))
}
