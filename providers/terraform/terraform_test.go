package terraform

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/socle-dev/socle/internal/corpus"
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
	tests := []struct{ name, snapshot, source string }{
		{"plan", "plan.json", ""},
		{"state", "state.json", ""},
		{"empty-state", "empty-state.json", ""},
		{"plan-0.12", "plan-0.12.json", ""},
		{"glob-one-file", "plans/s*.json", ""},
		{"plan-source", "plan.json", "infra/prod"},
		{"state-source", "state.json", "infra/prod"},
		{"plan-broken-source", "plan.json", "infra/broken"},
		{"versions/plan-0.1", "versions/plan-0.1.json", ""},
		{"versions/plan-0.2", "versions/plan-0.2.json", ""},
		{"versions/plan-1.0", "versions/plan-1.0.json", ""},
		{"versions/plan-1.1", "versions/plan-1.1.json", ""},
		{"versions/plan-1.2", "versions/plan-1.2.json", ""},
		{"versions/state-0.1", "versions/state-0.1.json", ""},
		{"versions/state-0.2", "versions/state-0.2.json", ""},
		{"versions/state-1.0", "versions/state-1.0.json", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := `provider "terraform" { snapshot = "` + tt.snapshot + `" }`
			if tt.source != "" {
				src = `provider "terraform" {
  snapshot = "` + tt.snapshot + `"
  source   = "` + tt.source + `"
}`
			}
			doc, err := load(t, src)
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
	doc, err := load(t, `provider "terraform" {
  snapshot = "plan.json"
  source   = "infra/prod"
}`)
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
		{"glob source", `provider "terraform" {
  snapshot = "plan.json"

  source = "infra/*"
}`, 4, "Invalid path for source"},
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

// TestFormatVersions loads a plan and a state in every format_version
// Terraform 1.x writes (plans: 0.1 from 1.0.0, 0.2 from 1.0.1, 1.0 from 1.1,
// 1.1 from 1.2, 1.2 from later releases; states: 0.1, 0.2, 1.0), each with
// count and for_each instances, modules nested two deep and a deposed
// object, and checks what a policy relies on.
func TestFormatVersions(t *testing.T) {
	tests := []struct {
		file, kind, version string
		redacted            bool // the database password carries a sensitive mark
	}{
		{"versions/plan-0.1.json", "plan", "0.1", true}, // through after_sensitive
		{"versions/plan-0.2.json", "plan", "0.2", true},
		{"versions/plan-1.0.json", "plan", "1.0", true},
		{"versions/plan-1.1.json", "plan", "1.1", true},
		{"versions/plan-1.2.json", "plan", "1.2", true},
		{"versions/state-0.1.json", "state", "0.1", false},
		{"versions/state-0.2.json", "state", "0.2", true},
		{"versions/state-1.0.json", "state", "1.0", true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, err := load(t, `provider "terraform" { snapshot = "`+tt.file+`" }`)
			if err != nil {
				t.Fatal(err)
			}
			v := doc.Value.(map[string]any)
			if v["kind"] != tt.kind || v["format_version"] != tt.version {
				t.Errorf("kind %v, format_version %v; want %s %s", v["kind"], v["format_version"], tt.kind, tt.version)
			}
			resources := v["resources"].(map[string]any)
			get := func(addr string) map[string]any {
				t.Helper()
				r, ok := resources[addr].(map[string]any)
				if !ok {
					t.Fatalf("%s is not in resources", addr)
				}
				return r
			}
			if doc.Items != 9 || len(resources) != 9 {
				t.Errorf("Items = %d, %d resources; want 9", doc.Items, len(resources))
			}
			// count instances: numbers; a module's for_each key is in its address.
			for i, addr := range []string{"aws_iam_user.ci[0]", "aws_iam_user.ci[1]"} {
				if idx := get(addr)["index"]; idx != json.Number(strconv.Itoa(i)) {
					t.Errorf("%s: index = %#v", addr, idx)
				}
			}
			deep := get(`module.app["green"].module.alarms.aws_cloudwatch_metric_alarm.cpu[0]`)
			if deep["module"] != `module.app["green"].module.alarms` || deep["index"] != json.Number("0") {
				t.Errorf("two-deep module resource: module %v, index %v", deep["module"], deep["index"])
			}
			// The data source read while planning (a plan has it only in
			// prior_state) is a resource like in a state.
			caller := get("data.aws_caller_identity.current")
			if caller["mode"] != "data" || caller["change"] != nil || caller["values"].(map[string]any)["account_id"] != "123456789012" {
				t.Errorf("data source: %v", caller)
			}
			if _, ok := v["by_type"].(map[string]any)["aws_caller_identity"]; ok {
				t.Error("by_type lists a data source")
			}
			// The deposed object (old database, not yet destroyed) is left
			// out: the address names the current object.
			db := get("aws_db_instance.main")["values"].(map[string]any)
			if tt.kind == "state" && db["id"] != "db-QRSTUVWXYZ012345" {
				t.Errorf("aws_db_instance.main is the deposed object: id %v", db["id"])
			}
			if got := db["password"] == "(sensitive)"; got != tt.redacted {
				t.Errorf("password redacted: %v, want %v", got, tt.redacted)
			}
			out := string(providertest.JSON(t, doc.Value))
			for _, old := range []string{"db-OLDOLDOLDOLD0000", "hunter3-prod"} {
				if strings.Contains(out, old) {
					t.Errorf("the document holds %q, of the deposed object", old)
				}
			}
			if tt.kind == "plan" {
				deleted := v["deleted"].([]any)
				if len(deleted) != 1 || deleted[0] != `module.app["red"].aws_security_group.this` {
					t.Errorf("deleted = %v", deleted)
				}
			}
			if warned := len(doc.Warnings) == 1 && doc.Warnings[0].Summary == "Sensitive values not marked"; warned != (tt.version == "0.1") {
				t.Errorf("warnings %v", doc.Warnings)
			}
		})
	}
}

// TestPlanDataSources: Terraform writes a data source it read while planning
// only in prior_state; one whose reading is deferred to apply is in
// planned_values with a "read" change, and wins over prior_state.
func TestPlanDataSources(t *testing.T) {
	doc, err := normalize("plan.json", []byte(`{"format_version":"1.2","planned_values":{"root_module":{"resources":[
  {"address":"data.aws_iam_policy_document.p","mode":"data","type":"aws_iam_policy_document","name":"p","provider_name":"p","values":{"json":"planned"},"sensitive_values":{}}]}},
"resource_changes":[{"address":"data.aws_iam_policy_document.p","mode":"data","type":"aws_iam_policy_document","name":"p","change":{"actions":["read"],"before":null,"after":{"json":"planned"},"after_unknown":{"id":true}},"action_reason":"read_because_dependency_pending"}],
"prior_state":{"format_version":"1.0","values":{"root_module":{"resources":[
  {"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b","provider_name":"p","values":{"bucket":"b"}},
  {"address":"data.aws_iam_policy_document.p","mode":"data","type":"aws_iam_policy_document","name":"p","provider_name":"p","values":{"json":"prior"}}],
  "child_modules":[{"address":"module.m","resources":[
  {"address":"module.m.data.aws_ssm_parameter.token","mode":"data","type":"aws_ssm_parameter","name":"token","provider_name":"p","values":{"name":"/ci/token","value":"s3cr3t"},"sensitive_values":{"value":true}}]}]}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	resources := doc.Value.(map[string]any)["resources"].(map[string]any)
	if len(resources) != 2 || doc.Items != 2 {
		t.Fatalf("resources %v; want the two data sources, not the bucket only in prior_state", resources)
	}
	p := resources["data.aws_iam_policy_document.p"].(map[string]any)
	if p["values"].(map[string]any)["json"] != "planned" || p["change"] == nil {
		t.Errorf("deferred data source: %v", p)
	}
	token := resources["module.m.data.aws_ssm_parameter.token"].(map[string]any)
	if token["module"] != "module.m" || token["values"].(map[string]any)["value"] != "(sensitive)" || token["change"] != nil {
		t.Errorf("data source read while planning: %v", token)
	}
	_, err = normalize("plan.json", []byte(`{"format_version":"1.2","planned_values":{},"prior_state":{"values":{"root_module":{"resources":[{"address":"data.a.b","mode":"data","type":"a","name":"b","index":true}]}}}}`))
	var se *providers.SourceError
	if !errors.As(err, &se) || !strings.Contains(se.Detail, `prior_state.values.root_module.resources[0]: "index" is a boolean`) {
		t.Errorf("malformed prior_state: %v", err)
	}
}

// TestSourceLocations checks the locations read from testdata/infra/prod,
// the configuration plan.json was made from.
func TestSourceLocations(t *testing.T) {
	doc, err := load(t, `provider "terraform" {
  snapshot = "plan.json"
  source   = "infra/prod"
}`)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Warnings) != 0 {
		t.Errorf("warnings: %v", doc.Warnings)
	}
	resources := doc.Value.(map[string]any)["resources"].(map[string]any)
	source := func(addr string) map[string]any {
		t.Helper()
		s, _ := resources[addr].(map[string]any)["source"].(map[string]any)
		return s
	}
	for addr, want := range map[string]string{
		"aws_s3_bucket.logs":                            "infra/prod/storage.tf:2",
		"data.aws_iam_policy_document.logs":             "infra/prod/storage.tf:11",
		"data.aws_caller_identity.current":              "infra/prod/iam.tf:1", // from prior_state
		"aws_iam_user.ci[0]":                            "infra/prod/iam.tf:7",
		"aws_iam_user.ci[1]":                            "infra/prod/iam.tf:7",
		"aws_db_instance.main":                          "infra/prod/database.tf:1",
		"aws_lambda_function.api":                       "infra/prod/lambda.tf:1",
		"aws_security_group_rule.admin":                 "infra/prod/network.tf:7",
		`module.net.aws_subnet.private["a"]`:            "infra/prod/modules/net/main.tf:10",
		`module.net.aws_subnet.private["b"]`:            "infra/prod/modules/net/main.tf:10",
		"module.net.module.flow_logs.aws_flow_log.this": "infra/prod/modules/net/flow_logs/main.tf:5",
	} {
		s := source(addr)
		if s == nil {
			t.Errorf("%s: source is null, want %s", addr, want)
			continue
		}
		if got := fmt.Sprintf("%v:%v", s["file"], s["line"]); got != want {
			t.Errorf("%s: source %s, want %s", addr, got, want)
		}
		if _, ok := s["line"].(json.Number); !ok {
			t.Errorf("%s: line is a %T, not a json.Number", addr, s["line"])
		}
		if loc := doc.Locations[addr]; fmt.Sprintf("%s:%d", loc.File, loc.Line) != want {
			t.Errorf("%s: Locations has %+v, want %s", addr, loc, want)
		}
	}
	if a, b := source("aws_iam_user.ci[0]"), source("aws_iam_user.ci[1]"); reflect.ValueOf(a).UnsafePointer() != reflect.ValueOf(b).UnsafePointer() {
		t.Error("the instances of a count block hold copies of its location, not the same map")
	}
	wantSources := []string{
		"infra/prod/database.tf", "infra/prod/iam.tf", "infra/prod/lambda.tf",
		"infra/prod/modules/net/flow_logs/main.tf", "infra/prod/modules/net/main.tf", "infra/prod/modules/net/outputs.tf",
		"infra/prod/network.tf", "infra/prod/outputs.tf", "infra/prod/storage.tf", "infra/prod/variables.tf", "infra/prod/versions.tf",
		"plan.json",
	}
	if !reflect.DeepEqual(doc.Sources, wantSources) {
		t.Errorf("Sources = %q\nwant %q", doc.Sources, wantSources)
	}
	if want := map[string]string{"snapshot": "plan.json", "source": "infra/prod"}; !reflect.DeepEqual(doc.Params, want) {
		t.Errorf("Params = %v, want %v", doc.Params, want)
	}
}

// TestSourceSyntaxError: a .tf file that does not parse is a warning with its
// position; the plan loads, and the resources HCL could still read (it
// recovers after an error) keep their location.
func TestSourceSyntaxError(t *testing.T) {
	doc, err := load(t, `provider "terraform" {
  snapshot = "plan.json"
  source   = "infra/broken"
}`)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Warnings) != 1 {
		t.Fatalf("warnings %v, want one", doc.Warnings)
	}
	w := doc.Warnings[0]
	if w.File != "infra/broken/storage.tf" || w.Line != 6 || w.Column != 13 || w.Summary != "Invalid Terraform configuration" ||
		!strings.Contains(w.Detail, `Missing key/value separator`) {
		t.Errorf("warning %#v", *w)
	}
	resources := doc.Value.(map[string]any)["resources"].(map[string]any)
	for addr, want := range map[string]any{
		"aws_iam_user.ci[1]":                 "infra/broken/main.tf:12",
		"aws_s3_bucket.logs":                 "infra/broken/storage.tf:1",
		`module.net.aws_subnet.private["b"]`: "infra/prod/modules/net/main.tf:10", // ../prod/modules/net
		"aws_db_instance.main":               nil,                                 // not in this configuration
	} {
		s := resources[addr].(map[string]any)["source"]
		got := any(nil)
		if s, ok := s.(map[string]any); ok {
			got = fmt.Sprintf("%v:%v", s["file"], s["line"])
		}
		if got != want {
			t.Errorf("%s: source %v, want %v", addr, got, want)
		}
	}
}

// Leaving out what the document does not use (unused) changes nothing in it.
func TestSkippingUnusedChangesNothing(t *testing.T) {
	for seed := range uint64(4) {
		data := corpus.TerraformPlan(400, seed)
		full, err := normalizeSkipping("plan.json", data, false)
		if err != nil {
			t.Fatal(err)
		}
		skipped, err := normalize("plan.json", data)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(full, skipped) {
			t.Fatalf("seed %d: the document differs when unused parts are skipped", seed)
		}
	}
}

// BenchmarkNormalize reads a generated plan of 10,000 resources (about 33
// MB; 1,000 with -short) into the document.
func BenchmarkNormalize(b *testing.B) {
	n := 10000
	if testing.Short() {
		n = 1000
	}
	data := corpus.TerraformPlan(n, 1)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := normalize("plan.json", data); err != nil {
			b.Fatal(err)
		}
	}
}

// A resource whose attributes the plan leaves unchanged shares one tree
// between values and change.before (the evaluator then converts it once).
func TestUnchangedBeforeShared(t *testing.T) {
	doc, err := normalize("plan.json", corpus.TerraformPlan(300, 3))
	if err != nil {
		t.Fatal(err)
	}
	shared, changed := 0, 0
	for _, v := range doc.Value.(map[string]any)["resources"].(map[string]any) {
		r := v.(map[string]any)
		c, _ := r["change"].(map[string]any)
		if c == nil || c["before"] == nil {
			continue
		}
		before, ok := c["before"].(map[string]any)
		if ok && fmt.Sprintf("%p", before) == fmt.Sprintf("%p", r["values"]) {
			shared++
		} else if reflect.DeepEqual(c["before"], r["values"]) {
			t.Errorf("%s: equal attributes before and after, not shared", r["address"])
		} else {
			changed++
		}
	}
	if shared == 0 || changed == 0 {
		t.Errorf("%d shared, %d changed: the corpus should have both", shared, changed)
	}
}
