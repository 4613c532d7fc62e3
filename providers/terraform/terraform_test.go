package terraform

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/socle-dev/socle/providers"
	"github.com/socle-dev/socle/providers/internal/providertest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func env() providers.Env {
	return providers.Env{FS: os.DirFS("testdata"), Dir: "testdata"}
}

// load configures a provider "terraform" block over testdata and loads it.
func load(t *testing.T, src string) (*providers.Document, error) {
	t.Helper()
	in, diags := Type{}.Configure(providertest.Body(t, src), nil, env())
	if diags.HasErrors() {
		t.Fatalf("Configure: %s", diags.Error())
	}
	return in.Load(context.Background())
}

func TestLoad(t *testing.T) {
	tests := []struct{ name, snapshot string }{
		{"plan", "plan.json"},
		{"state", "state.json"},
		{"empty-state", "empty-state.json"},
		{"plan-0.12", "plan-0.12.json"},
		{"glob-one-file", "plans/s*.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := load(t, `provider "terraform" { snapshot = "`+tt.snapshot+`" }`)
			if err != nil {
				t.Fatal(err)
			}
			if err := providertest.CheckValue(doc.Value); err != nil {
				t.Fatal(err)
			}
			providertest.Golden(t, filepath.Join("testdata", "golden", tt.name+".json"), providertest.Render(t, doc), *update)
		})
	}
}

// TestSample keeps testdata/sample.json, the documented example of the
// normalized document, in step with the code.
func TestSample(t *testing.T) {
	doc, err := load(t, `provider "terraform" { snapshot = "plan.json" }`)
	if err != nil {
		t.Fatal(err)
	}
	providertest.Golden(t, filepath.Join("testdata", "sample.json"), providertest.JSON(t, doc.Value), *update)
}

func TestByTypeSharesResources(t *testing.T) {
	for _, snapshot := range []string{"plan.json", "state.json"} {
		doc, err := load(t, `provider "terraform" { snapshot = "`+snapshot+`" }`)
		if err != nil {
			t.Fatal(err)
		}
		v := doc.Value.(map[string]any)
		resources := v["resources"].(map[string]any)
		n := 0
		for typ, list := range v["by_type"].(map[string]any) {
			for _, r := range list.([]any) {
				n++
				r := r.(map[string]any)
				if r["type"] != typ || r["mode"] != "managed" {
					t.Errorf("%s: by_type[%s] holds %v", snapshot, typ, r["address"])
				}
				same := resources[r["address"].(string)]
				if reflect.ValueOf(same).UnsafePointer() != reflect.ValueOf(r).UnsafePointer() {
					t.Errorf("%s: by_type[%s] holds a copy of %v, not the map in resources", snapshot, typ, r["address"])
				}
			}
		}
		managed := 0
		for _, r := range resources {
			if r.(map[string]any)["mode"] == "managed" {
				managed++
			}
		}
		if n != managed || doc.Items != len(resources) {
			t.Errorf("%s: by_type holds %d resources, want %d; Items = %d, want %d", snapshot, n, managed, doc.Items, len(resources))
		}
	}
}

func TestRedaction(t *testing.T) {
	doc, err := load(t, `provider "terraform" { snapshot = "plan.json" }`)
	if err != nil {
		t.Fatal(err)
	}
	resources := doc.Value.(map[string]any)["resources"].(map[string]any)
	get := func(addr string) map[string]any { return resources[addr].(map[string]any) }

	db := get("aws_db_instance.main")
	if got := db["values"].(map[string]any)["password"]; got != "(sensitive)" {
		t.Errorf("whole attribute: password = %v", got)
	}
	if got := db["change"].(map[string]any)["before"].(map[string]any)["password"]; got != "(sensitive)" {
		t.Errorf("change.before: password = %v", got)
	}
	env := get("aws_lambda_function.api")["values"].(map[string]any)["environment"].([]any)[0].(map[string]any)["variables"].(map[string]any)
	if env["API_KEY"] != "(sensitive)" || env["STAGE"] != "prod" {
		t.Errorf("nested object: variables = %v", env)
	}
	cidrs := get("aws_security_group_rule.admin")["values"].(map[string]any)["cidr_blocks"].([]any)
	if cidrs[0] != "10.0.0.0/8" || cidrs[1] != "(sensitive)" {
		t.Errorf("list element: cidr_blocks = %v", cidrs)
	}
	// No secret of the fixture may survive anywhere in the document.
	out := string(providertest.JSON(t, doc.Value))
	for _, secret := range []string{"hunter2-prod", "hunter3-prod", "sk_live_abc123", "203.0.113.7", "198.51.100.4"} {
		if strings.Contains(out, secret) {
			t.Errorf("the document leaks %q", secret)
		}
	}
}

func TestRedact(t *testing.T) {
	tests := []struct {
		name        string
		value, mask string
		want        string
	}{
		{"whole resource", `{"a": 1, "b": {"c": 2}}`, `true`, `{"a": "(sensitive)", "b": "(sensitive)"}`},
		{"whole attribute", `{"a": {"x": 1}, "b": 2}`, `{"a": true}`, `{"a": "(sensitive)", "b": 2}`},
		{"nested object", `{"a": {"x": 1, "y": 2}}`, `{"a": {"y": true}}`, `{"a": {"x": 1, "y": "(sensitive)"}}`},
		{"list element", `{"l": [1, 2, 3]}`, `{"l": [false, true]}`, `{"l": [1, "(sensitive)", 3]}`},
		{"object in list", `{"l": [{"k": "v", "s": "p"}]}`, `{"l": [{"s": true}]}`, `{"l": [{"k": "v", "s": "(sensitive)"}]}`},
		{"null value", `{"a": null}`, `{"a": true}`, `{"a": "(sensitive)"}`},
		{"absent attribute", `{"a": 1}`, `{"b": true}`, `{"a": 1}`},
		{"shape mismatch", `{"a": [1], "b": {"c": 1}}`, `{"a": {"0": true}, "b": [true]}`, `{"a": [1], "b": {"c": 1}}`},
		{"false mask", `{"a": 1}`, `false`, `{"a": 1}`},
		{"no mask", `{"a": 1}`, `null`, `{"a": 1}`},
		{"whole non-object", `null`, `true`, `"(sensitive)"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := decode(t, tt.value)
			got := redactAttributes(v, decode(t, tt.mask))
			if want := decode(t, tt.want); !reflect.DeepEqual(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

func decode(t *testing.T, s string) any {
	t.Helper()
	v, err := providers.DecodeJSON("test.json", []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		file         string
		line, column int
		summary      string
		detail       string // a part of it
	}{
		{"invalid/truncated.json", 173, 54, "Invalid JSON", "unexpected end of file: the JSON value is incomplete (is the file truncated?)"},
		{"invalid/missing-comma.json", 49, 9, "Invalid JSON", "invalid character '{' after array element"},
		{"invalid/terraform.tfstate", 0, 0, "Not a Terraform plan or state", "raw state file (terraform.tfstate)"},
		{"invalid/tfplan", 0, 0, "Not a Terraform plan or state", "terraform show -json PLANFILE > plan.json"},
		{"invalid/schema.json", 0, 0, "Not a Terraform plan or state", `the file holds an object with the keys "format_version", "provider_schemas"`},
		{"invalid/future.json", 0, 0, "Unsupported Terraform JSON format", `format_version is "2.0"`},
		{"invalid/bad-resource.json", 0, 0, "Invalid Terraform state", `values.root_module.resources[0]: "index" is a boolean, not a number or a string`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := load(t, `provider "terraform" { snapshot = "`+tt.file+`" }`)
			var se *providers.SourceError
			if !errors.As(err, &se) {
				t.Fatalf("Load = %v, want a *providers.SourceError", err)
			}
			if se.File != tt.file || se.Line != tt.line || se.Column != tt.column || se.Summary != tt.summary || !strings.Contains(se.Detail, tt.detail) {
				t.Errorf("got %#v\nwant %s:%d:%d %s: …%s…", *se, tt.file, tt.line, tt.column, tt.summary, tt.detail)
			}
		})
	}
}

func TestLoadManyFiles(t *testing.T) {
	_, err := load(t, `provider "terraform" { snapshot = "plans" }`)
	if err == nil || !strings.Contains(err.Error(), `the snapshot "plans" names 2 files (plans/plan.json, plans/state.json)`) {
		t.Fatalf("Load = %v, want an error naming both files", err)
	}
}

func TestConfigure(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		summary   string
	}{
		{"unknown attribute", `provider "terraform" {
  snapshot = "plan.json"
  workspace = "prod"
}`, 3, "Unsupported argument"},
		{"missing snapshot", `provider "terraform" {
  source = "infra"
}`, 1, "Missing required argument"},
		{"wrong type", `provider "terraform" {
  snapshot = { path = "plan.json" }
}`, 2, "Incorrect attribute value type"},
		{"absolute snapshot", `provider "terraform" {
  snapshot = "/tmp/plan.json"
}`, 2, "Invalid path for snapshot"},
		{"parent source", `provider "terraform" {
  snapshot = "plan.json"
  source   = "../infra"
}`, 3, "Invalid path for source"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, diags := Type{}.Configure(providertest.Body(t, tt.src), nil, env())
			if !diags.HasErrors() || in != nil {
				t.Fatalf("Configure = %v, %v; want %q", in, diags, tt.summary)
			}
			d := diags[0]
			if d.Summary != tt.summary || d.Subject == nil || d.Subject.Start.Line != tt.line {
				t.Errorf("got %s (subject %v), want %q on line %d", d.Error(), d.Subject, tt.summary, tt.line)
			}
		})
	}
	in, diags := Type{}.Configure(providertest.Body(t, `provider "terraform" {
  snapshot = "plan.json"
  source   = "./infra/prod/"
}`), nil, env())
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if got := in.(*instance).source; got != "infra/prod" {
		t.Errorf("source = %q, want it cleaned to infra/prod", got)
	}
}

func TestErroredPlanWarning(t *testing.T) {
	doc, err := normalize("plan.json", []byte(`{"format_version":"1.2","planned_values":{"root_module":{}},"errored":true}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Warnings) != 1 || doc.Warnings[0].Summary != "Terraform plan errored" {
		t.Fatalf("Warnings = %v, want one saying the plan errored", doc.Warnings)
	}
}
