package plugin

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/socle-dev/socle/providers"
	"github.com/socle-dev/socle/providers/internal/providertest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// inventory is the test plug-in, built from testdata/socle-provider-inventory
// once for the package's tests.
var inventory string

func TestMain(m *testing.M) {
	flag.Parse()
	code, err := buildAndRun(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(code)
}

func buildAndRun(m *testing.M) (int, error) {
	dir, err := os.MkdirTemp("", "socle-plugin-test")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	inventory = filepath.Join(dir, Prefix+"inventory")
	if runtime.GOOS == "windows" {
		inventory += ".exe"
	}
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(gobin); err != nil {
		if gobin, err = exec.LookPath("go"); err != nil {
			return 0, fmt.Errorf("building the test plug-in needs the go command: %v", err)
		}
	}
	build := exec.Command(gobin, "build", "-o", inventory, "./testdata/socle-provider-inventory")
	if out, err := build.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("building the test plug-in: %v\n%s", err, out)
	}
	return m.Run(), nil
}

const repoDir = "testdata/repo"

func repo() providers.Env {
	return providers.Env{FS: os.DirFS(repoDir), Dir: repoDir}
}

// behave makes the test plug-in misbehave for this test (see its doc).
func behave(t *testing.T, behaviour string) {
	t.Setenv("SOCLE_TEST_PLUGIN", behaviour)
}

func configure(t *testing.T, typ *Type, src string) providers.Instance {
	t.Helper()
	in, diags := typ.Configure(providertest.Body(t, src), nil, repo())
	if diags.HasErrors() {
		t.Fatalf("Configure: %s", diags.Error())
	}
	return in
}

func TestSchema(t *testing.T) {
	s, err := New("inventory", inventory).Schema()
	if err != nil {
		t.Fatal(err)
	}
	if !s.Load || !s.Collect || s.Version != "0.3.0" || s.Description != "Asset inventory exported from the CMDB." {
		t.Errorf("schema %+v", s)
	}
	if got, want := s.Names(), []string{"environments", "labels", "min_items", "path"}; !reflect.DeepEqual(got, want) {
		t.Errorf("attributes %q, want %q", got, want)
	}
	want := map[string]Attribute{
		"path":         {Type: "string", Cty: cty.String, Required: true, Description: "The inventory export (JSON), relative to the policy repository."},
		"min_items":    {Type: "number", Cty: cty.Number, Description: "The fewest assets the inventory may hold; fewer is an error."},
		"environments": {Type: "list(string)", Cty: cty.List(cty.String), Description: "Keep only the assets of these environments."},
		"labels":       {Type: "map(string)", Cty: cty.Map(cty.String), Description: "Labels copied into the document."},
	}
	for name, w := range want {
		if a := s.Attributes[name]; a == nil || !a.Cty.Equals(w.Cty) || a.Type != w.Type || a.Required != w.Required || a.Description != w.Description {
			t.Errorf("attribute %s = %+v, want %+v", name, a, w)
		}
	}
}

// TestSchemaOnce checks the schema is asked once per Type: a plug-in that
// breaks afterwards does not change what Configure knows.
func TestSchemaOnce(t *testing.T) {
	typ := New("inventory", inventory)
	configure(t, typ, `provider "inventory" { path = "inventory/assets.json" }`)
	behave(t, "schema:crash")
	configure(t, typ, `provider "inventory" { path = "inventory/assets.json" }`)
	if _, err := New("inventory", inventory).Schema(); err == nil {
		t.Error("a new Type did not run the schema request again")
	}
}

func TestConfigure(t *testing.T) {
	tests := []struct {
		name, src string
		line      int    // of the first diagnostic's subject
		summary   string // of the first diagnostic
		detail    string // part of it
	}{
		{"unknown attribute", `provider "inventory" {
  path     = "inventory/assets.json"
  min_item = 3
}`, 3, "Unsupported argument", `Did you mean "min_items"?`},
		{"missing required", `provider "inventory" {
  min_items = 3
}`, 1, "Missing required argument", `The argument "path" is required`},
		{"wrong type", `provider "inventory" {
  path      = "inventory/assets.json"

  min_items = "many"
}`, 4, "Incorrect attribute value type", "a number is required"},
		{"wrong element type", `provider "inventory" {
  path         = "inventory/assets.json"
  environments = ["prod", ["staging"]]
}`, 3, "Incorrect attribute value type", `Inappropriate value for attribute "environments"`},
		{"map for a string", `provider "inventory" {
  path = { file = "inventory/assets.json" }
}`, 2, "Incorrect attribute value type", "string required"},
		{"null required", `provider "inventory" {
  path = null
}`, 2, "Invalid value for path", "must not be null"},
		{"block", `provider "inventory" {
  path = "inventory/assets.json"
  filter {
    environment = "prod"
  }
}`, 3, "Unsupported block type", `Blocks of type "filter" are not expected here.`},
		{"undefined variable", `provider "inventory" {
  path = var.inventory
}`, 2, "Variables not allowed", "Variables may not be used here."},
	}
	typ := New("inventory", inventory)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			providertest.ConfigureFails(t, typ, tt.src, repo(), tt.line, tt.summary, tt.detail)
		})
	}
}

// TestConfigureSchemaFailure: a plug-in that cannot tell its schema is a
// diagnostic on the provider block saying why.
func TestConfigureSchemaFailure(t *testing.T) {
	tests := []struct {
		behaviour string
		detail    []string
	}{
		{"schema:crash", []string{"plug-in socle-provider-inventory (schema): Plug-in failed: it exited with status 2", "connect: connection refused", "main.go:42"}},
		{"schema:bad-type", []string{`Invalid response: line 5, column 22 of its standard output: attributes["path"].type "integer" is not a type; the types are string, number, bool, any, list(T) and map(T)`}},
		{"schema:protocol2", []string{"Unsupported protocol version: the plug-in speaks version 2 of the plug-in protocol; this socle speaks version 1"}},
		{"schema:hang", []string{"Time limit exceeded: the plug-in did not answer schema within 200ms and was stopped"}},
	}
	for _, tt := range tests {
		t.Run(tt.behaviour, func(t *testing.T) {
			behave(t, tt.behaviour)
			typ := New("inventory", inventory)
			typ.SchemaTimeout = 200 * time.Millisecond
			src := "\n\nprovider \"inventory\" {\n  path = \"inventory/assets.json\"\n}\n"
			_, diags := typ.Configure(providertest.Body(t, src), nil, repo())
			if len(diags) != 1 {
				t.Fatalf("diagnostics %v, want one", diags)
			}
			d := diags[0]
			if d.Summary != "Provider plug-in inventory cannot be used" || d.Subject == nil || d.Subject.Start.Line != 3 {
				t.Errorf("got %q on %v", d.Summary, d.Subject)
			}
			for _, want := range tt.detail {
				if !strings.Contains(d.Detail, want) {
					t.Errorf("detail %q\ndoes not say %q", d.Detail, want)
				}
			}
		})
	}
}

func TestConfigureEvalContext(t *testing.T) {
	behave(t, "load:echo")
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{
		"local": cty.ObjectVal(map[string]cty.Value{"dir": cty.StringVal("inventory")}),
	}}
	in, diags := New("inventory", inventory).Configure(providertest.Body(t, `provider "inventory" { path = "${local.dir}/assets.json" }`), ctx, repo())
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	doc, err := in.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Value.(map[string]any)["config"]; !reflect.DeepEqual(got, map[string]any{"path": "inventory/assets.json"}) {
		t.Errorf("config %v", got)
	}
}

// TestRequest checks what the plug-in receives: the attributes set as JSON
// (numbers as written, null and unset ones left out), the repository's
// absolute path as its working directory, and socle's environment.
func TestRequest(t *testing.T) {
	behave(t, "load:echo")
	t.Setenv("SOCLE_TEST_ECHO", "inherited")
	in := configure(t, New("inventory", inventory), `provider "inventory" {
  path         = "inventory/assets.json"
  min_items    = 2.50
  environments = ["prod", 2]
  labels       = { system = "payroll", tier = 1 }
}`)
	doc, err := in.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(repoDir)
	if err != nil {
		t.Fatal(err)
	}
	got := string(providertest.JSON(t, doc.Value))
	want := string(providertest.JSON(t, map[string]any{
		"protocol": 1,
		"method":   "load",
		"config": map[string]any{
			"path":         "inventory/assets.json",
			"min_items":    2.5,
			"environments": []any{"prod", "2"},
			"labels":       map[string]any{"system": "payroll", "tier": "1"},
		},
		"repository": abs,
		"cwd":        abs,
		"env":        "inherited",
	}))
	if got != want {
		t.Errorf("request\n%s\nwant\n%s", got, want)
	}
	if err := providertest.CheckValue(doc.Value); err != nil {
		t.Error(err)
	}
	if want := map[string]string{"plugin": "socle-provider-inventory", "plugin_version": "0.3.0"}; !reflect.DeepEqual(doc.Params, want) {
		t.Errorf("Params = %v, want %v", doc.Params, want)
	}
}

// render is the golden form of a plug-in's document: all it carries.
func render(t *testing.T, doc *providers.Document) []byte {
	t.Helper()
	warnings := make([]string, 0, len(doc.Warnings))
	for _, w := range doc.Warnings {
		warnings = append(warnings, w.Error())
	}
	collected := ""
	if !doc.CollectedAt.IsZero() {
		collected = doc.CollectedAt.Format(time.RFC3339)
	}
	return providertest.JSON(t, map[string]any{
		"value":        doc.Value,
		"sources":      doc.Sources,
		"items":        doc.Items,
		"warnings":     warnings,
		"params":       doc.Params,
		"locations":    doc.Locations,
		"collected_at": collected,
	})
}

func TestLoad(t *testing.T) {
	tests := []struct{ name, config string }{
		{"load", `path = "inventory/assets.json"`},
		{"load-filtered", `
			path         = "./inventory//assets.json"
			environments = ["prod"]
			labels       = { system = "payroll" }
			min_items    = 3`},
	}
	typ := New("inventory", inventory)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := configure(t, typ, "provider \"inventory\" {\n"+tt.config+"\n}\n")
			if _, ok := in.(providers.Collector); !ok {
				t.Error("the instance of a plug-in that collects is not a Collector")
			}
			doc, err := in.Load(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if err := providertest.CheckValue(doc.Value); err != nil {
				t.Fatal(err)
			}
			providertest.Golden(t, filepath.Join("testdata", "golden", tt.name+".json"), render(t, doc), *update)
		})
	}
}

func TestCollect(t *testing.T) {
	in := configure(t, New("inventory", inventory), `provider "inventory" {
  path      = "inventory/assets.json"
  min_items = 4
}`)
	doc, err := in.(providers.Collector).Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := providertest.CheckValue(doc.Value); err != nil {
		t.Fatal(err)
	}
	providertest.Golden(t, filepath.Join("testdata", "golden", "collect.json"), render(t, doc), *update)
}

// TestSample keeps testdata/sample.json, the documented example of a
// plug-in's document, in step with the code.
func TestSample(t *testing.T) {
	in := configure(t, New("inventory", inventory), `provider "inventory" { path = "inventory/assets.json" }`)
	doc, err := in.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	providertest.Golden(t, filepath.Join("testdata", "sample.json"), providertest.JSON(t, doc.Value), *update)
}

func TestModes(t *testing.T) {
	behave(t, "schema:load-only")
	in := configure(t, New("inventory", inventory), `provider "inventory" { path = "inventory/assets.json" }`)
	if _, ok := in.(providers.Collector); ok {
		t.Error("the instance of a plug-in that only loads is a Collector")
	}
	if _, err := in.Load(context.Background()); err != nil {
		t.Error(err)
	}

	behave(t, "schema:collect-only")
	in = configure(t, New("inventory", inventory), `provider "inventory" { path = "inventory/assets.json" }`)
	_, err := in.Load(context.Background())
	var e *Error
	if !errors.As(err, &e) || e.Summary != "Load mode not supported" || !strings.Contains(e.Detail, "socle collect") {
		t.Errorf("Load = %v, want a load mode error", err)
	}
	if _, err := in.(providers.Collector).Collect(context.Background()); err != nil {
		t.Error(err)
	}
}

// TestLoadErrors: errors the plug-in reports become *providers.SourceError
// when they name a file, *Error otherwise.
func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, config string
		want         error
	}{
		{"invalid JSON", `path = "inventory/invalid.json"`, &providers.SourceError{
			File: "inventory/invalid.json", Line: 5, Column: 5, Summary: "Invalid inventory",
			Detail: "invalid JSON: invalid character '{' after array element"}},
		{"asset without id", `path = "inventory/no-id.json"`, &providers.SourceError{
			File: "inventory/no-id.json", Line: 5, Column: 5, Summary: "Invalid inventory",
			Detail: "this asset has no id; every asset needs a string id"}},
		{"too few", "path = \"inventory/assets.json\"\nmin_items = 5", &providers.SourceError{
			File: "inventory/assets.json", Summary: "Too few assets",
			Detail: "the inventory holds 4 assets, fewer than min_items (5); is the export complete?"}},
		{"outside", `path = "../secrets.json"`, &Error{Plugin: inventory, Method: "load",
			Summary: "Invalid path", Detail: `"../secrets.json" is not a path inside the policy repository`}},
		{"missing", `path = "inventory/gone.json"`, &Error{Plugin: inventory, Method: "load",
			Summary: "Inventory not found", Detail: "reading inventory/gone.json: no such file or directory; export the inventory from the CMDB first"}},
	}
	typ := New("inventory", inventory)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := configure(t, typ, "provider \"inventory\" {\n"+tt.config+"\n}\n")
			_, err := in.Load(context.Background())
			if !reflect.DeepEqual(err, tt.want) {
				t.Errorf("Load error\n got %#v\nwant %#v", err, tt.want)
			}
		})
	}
}

// TestFailures: a plug-in that crashes, hangs, floods or answers nonsense is
// an *Error saying so, with the end of its standard error.
func TestFailures(t *testing.T) {
	tests := []struct {
		behaviour string
		summary   string
		detail    string
		stderr    string // part of Error.Stderr
		is        error
	}{
		{"load:crash", "Plug-in failed", "it exited with status 2", "goroutine 1 [running]:\nmain.main()\n\t/src/inventory/main.go:42 +0x1d", nil},
		{"load:hang", "Time limit exceeded", "the plug-in did not answer load within 300ms and was stopped", "", context.DeadlineExceeded},
		{"load:garbage", "Invalid JSON response", "line 1, column 1 of its standard output: invalid character 'L' looking for beginning of value; the standard output must hold one JSON object and nothing else (write logs to standard error)", "", nil},
		{"load:truncated", "Invalid JSON response", "line 3, column 27 of its standard output: unexpected end of file: the JSON value is incomplete (is the file truncated?)", "", nil},
		{"load:protocol2", "Unsupported protocol version", "the plug-in speaks version 2 of the plug-in protocol; this socle speaks version 1. Install a version of the plug-in made for protocol 1, or a socle that speaks version 2", "", ErrProtocolVersion},
		{"load:protocol2-exit", "Unsupported protocol version", "the plug-in speaks version 2 of the plug-in protocol; this socle speaks version 1. Install a version of the plug-in made for protocol 1, or a socle that speaks version 2 (the plug-in said: socle-provider-inventory 2.0 speaks protocol 2 only)", "", ErrProtocolVersion},
		{"load:flood", "Response too large", "the plug-in wrote more than 64 KiB to its standard output in answer to load and was stopped", "", nil},
		{"load:fail-exit", "CMDB unavailable", "the CMDB answered 503 Service Unavailable; try again later", "inventory: GET https://cmdb.example.test/api/v2/assets: 503", nil},
		{"load:document-exit", "Plug-in failed", "it exited with status 3; socle uses an answer only when the plug-in exits with status 0", "", nil},
		{"load:typo", "Invalid response", `line 5, column 3 of its standard output: the response has an unknown member "warning"; the members are "protocol", "document", "items", "sources", "params", "warnings", "locations", "collected_at" and "error" (see the plug-in protocol)`, "", nil},
		{"load:silent", "No response", "the plug-in wrote nothing to its standard output; it must answer each request with one JSON object", "", nil},
	}
	if runtime.GOOS != "windows" {
		tests = append(tests, struct {
			behaviour, summary, detail, stderr string
			is                                 error
		}{"load:child", "Plug-in left a process running", "the plug-in exited, but a process it started still held its standard output or error; a plug-in must wait for the processes it starts", "", exec.ErrWaitDelay}, struct {
			behaviour, summary, detail, stderr string
			is                                 error
		}{"load:killed", "Plug-in failed", "it was terminated (signal: killed)", "inventory: out of memory", nil})
	}
	for _, tt := range tests {
		t.Run(tt.behaviour, func(t *testing.T) {
			typ := New("inventory", inventory)
			in := configure(t, typ, `provider "inventory" { path = "inventory/assets.json" }`)
			typ.Timeout = time.Minute
			if tt.behaviour == "load:hang" || tt.behaviour == "load:child" {
				typ.Timeout = 300 * time.Millisecond
			}
			typ.MaxOutput = 64 << 10
			behave(t, tt.behaviour)
			start := time.Now()
			_, err := in.Load(context.Background())
			if elapsed := time.Since(start); elapsed > 10*time.Second {
				t.Errorf("Load took %s", elapsed)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Load = %v (%T), want an *Error", err, err)
			}
			if e.Plugin != inventory || e.Method != "load" || e.Summary != tt.summary || e.Detail != tt.detail || !strings.Contains(e.Stderr, tt.stderr) {
				t.Errorf("Load error\n got %#v\nwant %q: %q, standard error with %q", e, tt.summary, tt.detail, tt.stderr)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("Load error %v is not %v", err, tt.is)
			}
		})
	}
}

// TestErrorMessage checks how a failure reads where socle prints it.
func TestErrorMessage(t *testing.T) {
	in := configure(t, New("inventory", inventory), `provider "inventory" { path = "inventory/assets.json" }`)
	behave(t, "load:crash")
	_, err := in.Load(context.Background())
	want := `plug-in socle-provider-inventory (load): Plug-in failed: it exited with status 2
Its standard error ended with:
  inventory: connecting to https://cmdb.example.test: dial tcp 10.0.0.7:443: connect: connection refused
  panic: no inventory
  
  goroutine 1 [running]:
  main.main()
  	/src/inventory/main.go:42 +0x1d`
	if err == nil || err.Error() != want {
		t.Errorf("error\n%v\nwant\n%s", err, want)
	}
}

func TestChattyStderr(t *testing.T) {
	in := configure(t, New("inventory", inventory), `provider "inventory" { path = "inventory/assets.json" }`)
	behave(t, "load:chatty")
	doc, err := in.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if doc.Items != 4 {
		t.Errorf("Items = %d", doc.Items)
	}
}

func TestCanceled(t *testing.T) {
	in := configure(t, New("inventory", inventory), `provider "inventory" { path = "inventory/assets.json" }`)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := in.Load(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Load = %v, want context.Canceled", err)
	}

	behave(t, "load:hang")
	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	_, err := in.Load(ctx)
	if !errors.Is(err, context.Canceled) || time.Since(start) > 10*time.Second {
		t.Errorf("Load = %v after %s, want context.Canceled soon", err, time.Since(start))
	}
}

func TestCannotRun(t *testing.T) {
	missing := filepath.Join(t.TempDir(), Prefix+"gone")
	_, diags := New("gone", missing).Configure(providertest.Body(t, `provider "gone" {}`), nil, repo())
	if len(diags) != 1 || !strings.Contains(diags[0].Detail, "Cannot run the plug-in") {
		t.Errorf("diagnostics %v", diags)
	}
}
