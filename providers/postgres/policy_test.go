package postgres

import (
	"context"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// decision is what the example policy decided about one document.
type decision struct {
	resources []string
	deny      map[string]string // resource → message
}

// evaluate runs testdata/policies/access.rego over a document as the
// evaluator would: input.postgres is the document.
func evaluate(t *testing.T, value any) decision {
	t.Helper()
	src, err := os.ReadFile("testdata/policies/access.rego")
	if err != nil {
		t.Fatal(err)
	}
	m, err := ast.ParseModuleWithOpts("access.rego", string(src), ast.ParserOptions{RegoVersion: ast.RegoV1})
	if err != nil {
		t.Fatal(err)
	}
	c := ast.NewCompiler().WithDefaultRegoVersion(ast.RegoV1)
	if c.Compile(map[string]*ast.Module{"access.rego": m}); c.Failed() {
		t.Fatal(c.Errors)
	}
	in, err := ast.InterfaceToValue(map[string]any{"postgres": value})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	pq, err := rego.New(rego.Compiler(c), rego.Query("data.socle.postgres.access")).PrepareForEval(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := pq.Eval(ctx, rego.EvalParsedInput(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || len(rs[0].Expressions) != 1 {
		t.Fatalf("the policy returned %v", rs)
	}
	out := rs[0].Expressions[0].Value.(map[string]any)
	d := decision{deny: map[string]string{}}
	for _, r := range out["resources"].([]any) {
		d.resources = append(d.resources, r.(string))
	}
	slices.Sort(d.resources)
	for _, f := range out["deny"].([]any) {
		f := f.(map[string]any)
		d.deny[f["resource"].(string)] = f["message"].(string)
	}
	return d
}

func TestPolicyOnSample(t *testing.T) {
	doc, err := load(t, `provider "postgres" { snapshot = "sample.json" }`)
	if err != nil {
		t.Fatal(err)
	}
	d := evaluate(t, doc.Value)
	wantResources := []string{"analyst_jane", "auditor", "dba_break_glass", "ledger_app", "legacy_etl", "postgres", "replicator", "setting:password_encryption"}
	if !reflect.DeepEqual(d.resources, wantResources) {
		t.Errorf("resources = %v, want %v", d.resources, wantResources)
	}
	wantDeny := map[string]string{"legacy_etl": "legacy_etl can log in and is a superuser, but is not on the allow-list"}
	if !reflect.DeepEqual(d.deny, wantDeny) {
		t.Errorf("deny = %v, want %v", d.deny, wantDeny)
	}

	// md5 password hashing, or the setting missing, is a deviation.
	settings := doc.Value.(map[string]any)["settings"].(map[string]any)
	settings["password_encryption"] = map[string]any{"setting": "md5", "unit": nil, "source": "configuration file"}
	if got := evaluate(t, doc.Value).deny["setting:password_encryption"]; got != `password_encryption is "md5", not scram-sha-256` {
		t.Errorf("with md5: deny = %q", got)
	}
	delete(settings, "password_encryption")
	if got := evaluate(t, doc.Value).deny["setting:password_encryption"]; got != `password_encryption is "(not collected)", not scram-sha-256` {
		t.Errorf("without the setting: deny = %q", got)
	}
}

// TestPolicyOnLiveServer evaluates the example policy over what Collect read
// from the server: the superuser app role the test created is caught, the
// other roles it created are not.
func TestPolicyOnLiveServer(t *testing.T) {
	conn := admin(t)
	f := setUp(t, conn)
	doc := collect(t, `["`+f.schema+`"]`)
	d := evaluate(t, doc.Value)
	var ours []string
	for _, r := range d.resources {
		if strings.HasPrefix(r, f.prefix) {
			ours = append(ours, r)
		}
	}
	if want := []string{f.role("app"), f.role("auditor"), f.role("reader")}; !reflect.DeepEqual(ours, want) {
		t.Errorf("resources of the test = %v, want the login roles %v", ours, want)
	}
	for r, msg := range d.deny {
		if strings.HasPrefix(r, f.prefix) && r != f.role("app") {
			t.Errorf("%s denied: %s", r, msg)
		}
	}
	if got := d.deny[f.role("app")]; got != f.role("app")+" can log in and is a superuser, but is not on the allow-list" {
		t.Errorf("deny[%s] = %q", f.role("app"), got)
	}
	encryption := doc.Value.(map[string]any)["settings"].(map[string]any)["password_encryption"].(map[string]any)["setting"]
	if _, denied := d.deny["setting:password_encryption"]; denied != (encryption != "scram-sha-256") {
		t.Errorf("password_encryption is %v; deny = %v", encryption, d.deny["setting:password_encryption"])
	}
}
