package aws

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/socle-dev/socle/providers"
)

// TestPolicies evaluates the example policies in testdata/policies over the
// fixture documents, as the evaluator would (input.aws is the document): the
// proof that the document's shape serves policies.
func TestPolicies(t *testing.T) {
	compiler := compilePolicies(t)
	noPolicy := providers.Env{FS: fstest.MapFS{
		"aws/kms-list-keys.json": {Data: []byte(`{"Keys": []}`)},
	}}
	// A user created after the credential report: MFA cannot be checked.
	newUser := providers.Env{FS: fstest.MapFS{
		"aws/iam-account-authorization-details.json": {Data: []byte(`{"UserDetailList": [{"UserName": "gina", "Arn": "arn:aws:iam::123456789012:user/gina"}]}`)},
		"aws/credential-report.csv":                  {Data: []byte("user,arn,user_creation_time,password_enabled,mfa_active\n")},
	}}
	tests := []struct {
		snapshot string
		env      providers.Env
		pkg      string
		// The population and the resources denied, sorted.
		resources, denied []string
		warned            int
	}{
		{"snapshots/prod", env(), "console_mfa",
			[]string{"arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:user/bob", "arn:aws:iam::123456789012:user/dave", "arn:aws:iam::123456789012:user/erin"},
			[]string{"arn:aws:iam::123456789012:user/bob", "arn:aws:iam::123456789012:user/dave"}, 0},
		{"snapshots/prod", env(), "password_length", []string{"iam-password-policy"}, []string{"iam-password-policy"}, 0},
		{"snapshots/prod", env(), "s3_encryption",
			[]string{"acme-cloudtrail-logs-123456789012", "acme-legacy-reports", "acme-payroll-exports"},
			[]string{"acme-legacy-reports"}, 0},

		{"snapshots/hardened", env(), "console_mfa", []string{"arn:aws:iam::210987654321:user/frank"}, nil, 0},
		{"snapshots/hardened", env(), "password_length", []string{"iam-password-policy"}, nil, 0},
		{"snapshots/hardened", env(), "s3_encryption", nil, nil, 0},

		{"aws", noPolicy, "password_length", []string{"iam-password-policy"}, []string{"iam-password-policy"}, 0},
		{"aws", noPolicy, "console_mfa", nil, nil, 0},
		{"aws", newUser, "console_mfa", nil, nil, 1},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprintf("%d-%s/%s", i, filepath.Base(tt.snapshot), tt.pkg), func(t *testing.T) {
			doc, err := load(t, tt.env, `provider "aws" { snapshot = "`+tt.snapshot+`" }`)
			if err != nil {
				t.Fatal(err)
			}
			input, err := ast.InterfaceToValue(map[string]any{"aws": doc.Value})
			if err != nil {
				t.Fatal(err)
			}
			ref := "data.socle.aws." + tt.pkg
			rs, err := rego.New(
				rego.Compiler(compiler),
				rego.Query("resources := {x | some x in "+ref+".resources}; deny := {x | some x in "+ref+".deny}; warn := {x | some x in "+ref+".warn}"),
				rego.ParsedInput(input),
			).Eval(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != 1 {
				t.Fatalf("%d results, want 1", len(rs))
			}
			var resources, denied []string
			for _, r := range rs[0].Bindings["resources"].([]any) {
				resources = append(resources, r.(string))
			}
			for _, d := range rs[0].Bindings["deny"].([]any) {
				finding := d.(map[string]any)
				if finding["message"] == "" {
					t.Errorf("deny %v has no message", finding)
				}
				denied = append(denied, finding["resource"].(string))
			}
			slices.Sort(resources)
			slices.Sort(denied)
			if !slices.Equal(resources, tt.resources) {
				t.Errorf("resources = %q, want %q", resources, tt.resources)
			}
			if !slices.Equal(denied, tt.denied) {
				t.Errorf("denied %q, want %q", denied, tt.denied)
			}
			if n := len(rs[0].Bindings["warn"].([]any)); n != tt.warned {
				t.Errorf("%d warnings, want %d", n, tt.warned)
			}
		})
	}
}

// compilePolicies compiles the example policies once, in Rego v1.
func compilePolicies(t *testing.T) *ast.Compiler {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("testdata", "policies", "*.rego"))
	if err != nil || len(names) != 3 {
		t.Fatalf("policies: %v %v", names, err)
	}
	modules := map[string]*ast.Module{}
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		m, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Fatal(err)
		}
		modules[name] = m
	}
	c := ast.NewCompiler().WithDefaultRegoVersion(ast.RegoV1)
	if c.Compile(modules); c.Failed() {
		t.Fatal(c.Errors)
	}
	return c
}
