package file

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/socle-dev/socle/providers"
	"github.com/socle-dev/socle/providers/internal/providertest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// load configures a provider "file" block over the repository fsys and loads it.
func load(t *testing.T, fsys providers.Env, src string) (*providers.Document, error) {
	t.Helper()
	in, diags := Type{}.Configure(providertest.Body(t, src), nil, fsys)
	if diags.HasErrors() {
		t.Fatalf("Configure: %s", diags.Error())
	}
	return in.Load(context.Background())
}

func repo() providers.Env {
	return providers.Env{FS: os.DirFS("testdata/repo"), Dir: "testdata/repo"}
}

func TestLoad(t *testing.T) {
	tests := []struct {
		name, config string
	}{
		{"json-array", `snapshot = "idp/users.json"`},
		{"json-object", `snapshot = "idp/password-policy.json"`},
		{"json-format", `
			snapshot = "idp/users.export"
			format   = "json"`},
		{"csv", `snapshot = "hr/employees.csv"`},
		{"csv-header-only", `snapshot = "hr/header-only.csv"`},
		{"yaml-multi-document", `snapshot = "k8s/app.yaml"`},
		{"yaml-anchors", `snapshot = "ci/pipeline.yml"`},
		{"yaml-sequence", `snapshot = "ci/stages.yaml"`},
		{"yaml-empty", `snapshot = "ci/empty.yaml"`},
		{"glob", `snapshot = "hr/*.csv"`},
		{"directory", `snapshot = "mixed"`},
		{"glob-one-known", `snapshot = "idp/users.*"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := load(t, repo(), "provider \"file\" {\n"+tt.config+"\n}\n")
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
	doc, err := load(t, repo(), `provider "file" { snapshot = "hr/employees.csv" }`)
	if err != nil {
		t.Fatal(err)
	}
	providertest.Golden(t, filepath.Join("testdata", "sample.json"), providertest.JSON(t, doc.Value), *update)
}

func TestItemsShareContent(t *testing.T) {
	doc, err := load(t, repo(), `provider "file" { snapshot = "idp/users.json" }`)
	if err != nil {
		t.Fatal(err)
	}
	v := doc.Value.(map[string]any)
	content := v["content"].([]any)
	if got := v["files"].(map[string]any)["idp/users.json"].([]any); reflect.ValueOf(got).Pointer() != reflect.ValueOf(content).Pointer() {
		t.Error("content is not the value in files")
	}
	first := v["items"].([]any)[0].(map[string]any)["value"].(map[string]any)
	if reflect.ValueOf(first).Pointer() != reflect.ValueOf(content[0]).Pointer() {
		t.Error("an item's value is a copy of the content's element")
	}
	if doc.Items != 3 || !reflect.DeepEqual(doc.Sources, []string{"idp/users.json"}) {
		t.Errorf("Items = %d, Sources = %q", doc.Items, doc.Sources)
	}
}

func TestLoadNothingKnown(t *testing.T) {
	env := providers.Env{FS: fstest.MapFS{"notes/a.txt": {Data: []byte("x")}}}
	_, err := load(t, env, `provider "file" { snapshot = "notes" }`)
	if err == nil || !strings.Contains(err.Error(), "holds no file socle reads") {
		t.Fatalf("Load = %v, want an error saying no file could be read", err)
	}
}

func TestLoadMissing(t *testing.T) {
	_, err := load(t, repo(), `provider "file" { snapshot = "hr/*.xlsx" }`)
	if err == nil || !strings.Contains(err.Error(), `the glob "hr/*.xlsx" matches no file`) {
		t.Fatalf("Load = %v, want a no-match error", err)
	}
}

func TestLoadCanceled(t *testing.T) {
	in, diags := Type{}.Configure(providertest.Body(t, `provider "file" { snapshot = "hr" }`), nil, repo())
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := in.Load(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Load = %v, want context.Canceled", err)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		file, format string
		line, column int
		summary      string
		detail       string
	}{
		{"users.json", "", 4, 3, "Invalid JSON", "invalid character '{' after array element"},
		{"truncated.json", "", 4, 24, "Invalid JSON", "unexpected end of file: the JSON value is incomplete (is the file truncated?)"},
		{"empty.json", "", 1, 1, "Invalid JSON", "the file is empty; a JSON file must hold one value (an object, an array, …)"},
		{"deployment.yaml", "", 5, 0, "Invalid YAML", "mapping values are not allowed in this context"},
		{"duplicate.yaml", "", 4, 5, "Invalid YAML", `mapping key "role" already defined at line 3`},
		{"second-doc.yaml", "", 3, 0, "Invalid YAML", "did not find expected ',' or ']'"},
		{"ragged.csv", "", 3, 1, "Invalid CSV", "this row has 2 fields but the header (line 1) has 3; every row needs one field per column"},
		{"quote.csv", "", 3, 18, "Invalid CSV", `bare " in non-quoted-field; a field holding a quote must be quoted, with each quote inside doubled ("say ""hi""")`},
		{"header.csv", "", 1, 9, "Invalid CSV", `the header names the column "id" twice (columns 1 and 3); rows are objects keyed by column name, so names must be unique`},
		{"users.json", "yaml", 4, 0, "Invalid YAML", "did not find expected ',' or ']'"},
	}
	env := providers.Env{FS: os.DirFS("testdata/invalid")}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.format, func(t *testing.T) {
			config := "provider \"file\" {\n  snapshot = \"" + tt.file + "\"\n"
			if tt.format != "" {
				config += "  format = \"" + tt.format + "\"\n"
			}
			_, err := load(t, env, config+"}\n")
			var se *providers.SourceError
			if !errors.As(err, &se) {
				t.Fatalf("Load = %v, want a *providers.SourceError", err)
			}
			want := providers.SourceError{File: tt.file, Line: tt.line, Column: tt.column, Summary: tt.summary, Detail: tt.detail}
			if *se != want {
				t.Errorf("Load error\n got %#v\nwant %#v", *se, want)
			}
		})
	}
}

func TestUnknownExtensionWarning(t *testing.T) {
	doc, err := load(t, repo(), `provider "file" { snapshot = "mixed" }`)
	if err != nil {
		t.Fatal(err)
	}
	var skipped []string
	for _, w := range doc.Warnings {
		skipped = append(skipped, w.File)
		if w.Summary != "Unknown file format" || !strings.Contains(w.Detail, `set format ("csv", "json", "yaml")`) {
			t.Errorf("warning %v does not say how to read the file", w)
		}
	}
	if want := []string{"mixed/README.md", "mixed/notes.txt"}; !reflect.DeepEqual(skipped, want) {
		t.Errorf("warnings for %q, want %q", skipped, want)
	}
}

func TestConfigure(t *testing.T) {
	tests := []struct {
		name, src string
		line      int    // of the diagnostic's subject
		summary   string // of the first diagnostic
	}{
		{"unknown attribute", `provider "file" {
  snapshot = "hr"
  path     = "hr"
}`, 3, "Unsupported argument"},
		{"missing snapshot", `provider "file" {
  format = "csv"
}`, 1, "Missing required argument"},
		{"wrong type", `provider "file" {
  snapshot = ["hr/a.csv", "hr/b.csv"]
}`, 2, "Incorrect attribute value type"},
		{"null", `provider "file" {
  snapshot = null
}`, 2, "Invalid value for snapshot"},
		{"absolute path", `provider "file" {

  snapshot = "/etc/passwd"
}`, 3, "Invalid path for snapshot"},
		{"parent path", `provider "file" {
  snapshot = "../other-repo/users.json"
}`, 2, "Invalid path for snapshot"},
		{"bad glob", `provider "file" {
  snapshot = "hr/[a-"
}`, 2, "Invalid path for snapshot"},
		{"unknown format", `provider "file" {
  snapshot = "hr"
  format   = "xlsx"
}`, 3, "Unknown file format"},
		{"undefined variable", `provider "file" {
  snapshot = var.dir
}`, 2, "Variables not allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			providertest.ConfigureFails(t, Type{}, tt.src, repo(), tt.line, tt.summary, "")
		})
	}
}

func TestConfigureEvalContext(t *testing.T) {
	src := `provider "file" { snapshot = "${local.dir}/employees.csv" }`
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{
		"local": cty.ObjectVal(map[string]cty.Value{"dir": cty.StringVal("hr")}),
	}}
	in, diags := Type{}.Configure(providertest.Body(t, src), ctx, repo())
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	doc, err := in.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(doc.Sources, []string{"hr/employees.csv"}) {
		t.Errorf("Sources = %q", doc.Sources)
	}
}
