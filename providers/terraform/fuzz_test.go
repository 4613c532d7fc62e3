package terraform

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/socle-dev/socle/providers"
	"github.com/socle-dev/socle/providers/internal/providertest"
)

// FuzzNormalize feeds plan and state JSON to the normalizer: it must never
// panic, and either return a positioned *providers.SourceError or a valid
// document in which nothing a mask marks sensitive survives.
func FuzzNormalize(f *testing.F) {
	versions, err := filepath.Glob("testdata/versions/*.json")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range append([]string{"testdata/plan.json", "testdata/state.json", "testdata/empty-state.json", "testdata/plan-0.12.json"}, versions...) {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		`{"format_version":"1.0","values":{"root_module":{"resources":[{"address":"a.b","mode":"managed","type":"a","name":"b","values":{"s":"x"},"sensitive_values":true}]}}}`,
		`{"format_version":"1.2","planned_values":{"root_module":{"child_modules":[{"address":"module.m","resources":[{"address":"module.m.a.b[0]","mode":"managed","type":"a","name":"b","index":0,"values":{"l":[1,2]},"sensitive_values":{"l":[false,true]}}]}]}},"resource_changes":[{"address":"module.m.a.b[0]","change":{"actions":["delete","create"],"before":{"p":"x"},"before_sensitive":{"p":true}}},{"address":"a.gone","change":{"actions":["delete"]}}]}`,
		`{"format_version":"1.2","planned_values":{"root_module":{"resources":[`,
		`{"version":4,"serial":1,"lineage":"x","resources":[]}`,
		`{"format_version":"1.2","planned_values":{"root_module":{}},"prior_state":{"values":{"root_module":{"resources":[{"address":"data.a.b","mode":"data","type":"a","name":"b","values":{"s":"x"},"sensitive_values":{"s":true}},{"address":"data.a.b","mode":"data","type":"a","name":"b","deposed_key":"1"}]}}}}`,
		`{"format_version":"1.2","prior_state":{"values":{"root_module":{"child_modules":[{"address":"module.m","resources":[{"address":"module.m.data.a.b","mode":"data","type":"a","name":"b"}]}]}}},"resource_changes":[{"address":"module.m.data.a.b","change":{"actions":["delete"]}}]}`,
		`{"format_version":"1.2","planned_values":{},"prior_state":[]}`,
		`[]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := normalize("f.json", data)
		if err != nil {
			var se *providers.SourceError
			if !errors.As(err, &se) {
				t.Fatalf("error %v (%T) is not a *providers.SourceError", err, err)
			}
			if se.File != "f.json" || se.Summary == "" || se.Detail == "" || se.Line < 0 || se.Column < 0 {
				t.Fatalf("malformed error %#v", se)
			}
			return
		}
		if err := providertest.CheckValue(doc.Value); err != nil {
			t.Fatal(err)
		}
		v := doc.Value.(map[string]any)
		if doc.Items != len(v["resources"].(map[string]any)) {
			t.Fatalf("Items = %d for %d resources", doc.Items, len(v["resources"].(map[string]any)))
		}
	})
}

// FuzzParseFile feeds configuration files, in native and JSON syntax, to the
// reader of resource locations: it must never panic (parseFile turns a fault
// of the HCL parser into a warning, which fails here), and every position it
// returns must be in the file.
func FuzzParseFile(f *testing.F) {
	err := fs.WalkDir(os.DirFS("testdata"), "infra", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !isConfigFile(d.Name()) {
			return err
		}
		data, err := os.ReadFile(filepath.Join("testdata", p))
		f.Add(data, false)
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		`resource "a" {}`,
		`resource "a" "b" "c" {}`,
		`module "m" { source = "./m" }`,
		`module "m" { source = var.m }`,
		`module "m" { source = "${"./m"}" }`,
		`module "m" { source = upper("./m") }`,
		`check "c" { data "http" "h" {} }`,
		"resource \"a\" \"b\" {\n  x = <<EOT\n${",
		`resource "a" "b" { dynamic "x" { for_each = [1] content {} } }`,
	} {
		f.Add([]byte(s), false)
	}
	for _, s := range []string{
		`{"resource": {"a": {"b": {}}}, "module": {"m": {"source": "./m"}}}`,
		`{"resource": {"a": {"b": [{}, {}]}}, "data": {"x": {"y": {}}}}`,
		`{"resource": [{"a": {"b": {}}}], "check": {"c": {"data": {"http": {"h": {}}}}}}`,
		`{"module": {"m": {"source": "${var.x}"}}}`,
		`{"resource": {"a": 1}}`,
	} {
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, isJSON bool) {
		name := "infra/main.tf"
		if isJSON {
			name += ".json"
		}
		content, warnings := parseFile(name, data)
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, w := range warnings {
			if w.Summary == "Unreadable Terraform configuration" {
				t.Fatalf("the HCL parser failed: %v", w)
			}
			if w.File != name || w.Line < 0 || w.Line > lines || w.Column < 0 || w.Summary == "" || w.Detail == "" {
				t.Fatalf("malformed warning %#v", *w)
			}
		}
		for _, d := range content.declarations {
			if d.line < 1 || d.line > lines {
				t.Fatalf("%s declared on line %d of %d", d.key, d.line, lines)
			}
		}
		for _, c := range content.calls {
			if c.at.Start.Line < 1 || c.at.Start.Line > lines {
				t.Fatalf("module %q called on line %d of %d", c.name, c.at.Start.Line, lines)
			}
		}
	})
}

// FuzzConfiguration reads a configuration whose root module and a local
// module are fuzzed (with module sources going anywhere, themselves
// included) and locates resources in it: it must end, never panic, and give
// locations only inside the files it read.
func FuzzConfiguration(f *testing.F) {
	f.Add([]byte("module \"a\" {\n  source = \"./mod\"\n}\nresource \"x\" \"y\" {}\n"), []byte("module \"b\" {\n  source = \"../\"\n}\nresource \"x\" \"y\" {}\n"), `module.a.module.b.module.a`)
	f.Add([]byte(`module "a" { source = "../.." }`), []byte(`module "b" { source = "./mod" }`), `module.a["k"]`)
	f.Add([]byte(`module "a" { source = ".\\mod\\..\\mod" }`), []byte(`resource "x" "y" {}`), `module.a[0]`)
	f.Fuzz(func(t *testing.T, root, mod []byte, moduleAddr string) {
		fsys := fstest.MapFS{
			"tf/main.tf":     &fstest.MapFile{Data: root},
			"tf/mod/main.tf": &fstest.MapFile{Data: mod},
		}
		cfg, err := readConfiguration(context.Background(), fsys, "tf")
		if err != nil {
			t.Fatal(err)
		}
		resources := map[string]any{
			"a": map[string]any{"module": moduleAddr, "mode": "managed", "type": "x", "name": "y", "source": nil},
			"b": map[string]any{"module": "", "mode": "managed", "type": "x", "name": "y", "source": nil},
		}
		cfg.locate(resources)
		for _, r := range resources {
			s, ok := r.(map[string]any)["source"].(map[string]any)
			if !ok {
				continue
			}
			if file := s["file"]; file != "tf/main.tf" && file != "tf/mod/main.tf" {
				t.Fatalf("location in %v, which was not read", file)
			}
		}
		for _, w := range cfg.warnings {
			if w.Summary == "Unreadable Terraform configuration" {
				t.Fatalf("the HCL parser failed: %v", w)
			}
		}
	})
}

// FuzzModuleCalls parses module instance addresses, which come from the plan
// or state file: it must never panic, and a module address other than the
// root's goes through at least one module call.
func FuzzModuleCalls(f *testing.F) {
	for _, s := range []string{"", "module.net", `module.app["blue"].module.alarms[0]`, `module.a["x.y"]`, "module.a[0][1]", "module.", `module.a["`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, addr string) {
		names, ok := moduleCalls(addr)
		if ok && addr != "" && len(names) == 0 {
			t.Fatalf("moduleCalls(%q) = no call, ok", addr)
		}
		if !ok && names != nil {
			t.Fatalf("moduleCalls(%q) = %q, not ok", addr, names)
		}
	})
}
