package kubernetes

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

	"github.com/socle-dev/socle/providers"
	"github.com/socle-dev/socle/providers/internal/providertest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func repo() providers.Env {
	return providers.Env{FS: os.DirFS("testdata/repo"), Dir: "testdata/repo"}
}

// load configures a provider "kubernetes" block over env and loads it.
func load(t *testing.T, env providers.Env, src string) (*providers.Document, error) {
	t.Helper()
	in, diags := Type{}.Configure(providertest.Body(t, src), nil, env)
	if diags.HasErrors() {
		t.Fatalf("Configure: %s", diags.Error())
	}
	return in.Load(context.Background())
}

func TestLoad(t *testing.T) {
	tests := []struct {
		name, config string
	}{
		{"manifests", `snapshot = "manifests"`},
		{"kubectl-list-json", `snapshot = "kubectl/pods.json"`},
		{"kubectl-list-yaml", `snapshot = "kubectl/deployments.yaml"`},
		{"typed-list", `snapshot = "api/kube-system-pods.json"`},
		{"helm", `
			snapshot          = "helm/payments.yaml"
			namespace_default = "payments"`},
		{"duplicates", `snapshot = "duplicates"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := load(t, repo(), "provider \"kubernetes\" {\n"+tt.config+"\n}\n")
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
	doc, err := load(t, repo(), `provider "kubernetes" { snapshot = "manifests" }`)
	if err != nil {
		t.Fatal(err)
	}
	providertest.Golden(t, filepath.Join("testdata", "sample.json"), providertest.JSON(t, doc.Value), *update)
}

// TestIndexesShareEntries checks that by_kind, by_key and pod_specs hold the
// entries (and pod specs) of objects, not copies.
func TestIndexesShareEntries(t *testing.T) {
	doc, err := load(t, repo(), `provider "kubernetes" { snapshot = "manifests" }`)
	if err != nil {
		t.Fatal(err)
	}
	v := doc.Value.(map[string]any)
	objects := v["objects"].([]any)
	if doc.Items != len(objects) {
		t.Errorf("Items = %d for %d objects", doc.Items, len(objects))
	}
	same := func(a, b any) bool { return reflect.ValueOf(a).Pointer() == reflect.ValueOf(b).Pointer() }
	byKind := v["by_kind"].(map[string]any)
	byKey := v["by_key"].(map[string]any)
	n := 0
	for _, o := range objects {
		e := o.(map[string]any)
		if !same(byKey[e["key"].(string)], e) {
			t.Errorf("by_key[%s] is not the entry in objects", e["key"])
		}
		found := false
		for _, k := range byKind[e["kind"].(string)].([]any) {
			found = found || same(k, e)
		}
		if !found {
			t.Errorf("by_kind[%s] does not hold the entry of %s", e["kind"], e["key"])
		}
	}
	for _, list := range byKind {
		n += len(list.([]any))
	}
	if n != len(objects) {
		t.Errorf("by_kind holds %d entries for %d objects", n, len(objects))
	}
	for _, p := range v["pod_specs"].([]any) {
		p := p.(map[string]any)
		obj := byKey[p["key"].(string)].(map[string]any)["object"].(map[string]any)
		var spec any = obj
		for _, f := range strings.Split(p["path"].(string), ".") {
			spec = spec.(map[string]any)[f]
		}
		if !same(spec, p["spec"]) {
			t.Errorf("pod_specs entry of %s is not the object's %s", p["key"], p["path"])
		}
	}
}

func TestDocumentMetadata(t *testing.T) {
	doc, err := load(t, repo(), `provider "kubernetes" {
  snapshot          = "helm"
  namespace_default = "payments"
}`)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"snapshot": "helm", "namespace_default": "payments"}
	if !reflect.DeepEqual(doc.Params, want) {
		t.Errorf("Params = %v, want %v", doc.Params, want)
	}
	if !reflect.DeepEqual(doc.Sources, []string{"helm/payments.yaml"}) || doc.Items != 8 {
		t.Errorf("Sources = %q, Items = %d", doc.Sources, doc.Items)
	}
}

func TestLoadGlob(t *testing.T) {
	doc, err := load(t, repo(), `provider "kubernetes" { snapshot = "*/*.json" }`)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"api/kube-system-pods.json", "kubectl/pods.json", "manifests/deployment.json"}; !reflect.DeepEqual(doc.Sources, want) {
		t.Errorf("Sources = %q, want %q", doc.Sources, want)
	}
	var keys []string
	for _, e := range doc.Value.(map[string]any)["objects"].([]any) {
		keys = append(keys, e.(map[string]any)["key"].(string))
	}
	want := []string{"Deployment/default/web", "Pod/kube-system/node-agent-5jw7r", "Pod/payments/payments-7d9c6b8f5d-8x2lq", "Pod/payments/payments-7d9c6b8f5d-qk4zt"}
	if !reflect.DeepEqual(keys, want) || doc.Items != 4 || len(doc.Warnings) != 0 {
		t.Errorf("keys %q (Items %d, warnings %v), want %q", keys, doc.Items, doc.Warnings, want)
	}
}

func TestLoadNoManifest(t *testing.T) {
	env := providers.Env{FS: fstest.MapFS{"notes/a.txt": {Data: []byte("x")}}}
	_, err := load(t, env, `provider "kubernetes" { snapshot = "notes" }`)
	if err == nil || !strings.Contains(err.Error(), `the snapshot "notes" holds no manifest file (.yaml, .yml or .json)`) {
		t.Fatalf("Load = %v, want an error saying no manifest was found", err)
	}
}

func TestLoadMissing(t *testing.T) {
	_, err := load(t, repo(), `provider "kubernetes" { snapshot = "k8s" }`)
	if err == nil || !strings.Contains(err.Error(), `"k8s" does not exist in the policy repository`) {
		t.Fatalf("Load = %v, want a missing-path error", err)
	}
}

func TestLoadCanceled(t *testing.T) {
	in, diags := Type{}.Configure(providertest.Body(t, `provider "kubernetes" { snapshot = "manifests" }`), nil, repo())
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
		file         string
		line, column int
		summary      string
		detail       string
	}{
		{"syntax.yaml", 10, 0, "Invalid YAML", "did not find expected key"},
		{"kind-number.yaml", 7, 7, "Invalid Kubernetes object", `kind of the document must be a non-empty string (such as "Deployment"), but it is the number 42`},
		{"apiversion-list.json", 3, 19, "Invalid Kubernetes object", `apiVersion of the document must be a non-empty string (such as "v1" or "apps/v1"), but it is a list`},
		{"truncated.json", 40, 49, "Invalid JSON", "unexpected end of file: the JSON value is incomplete (is the file truncated?)"},
		{"metadata-string.yaml", 3, 11, "Invalid Kubernetes object", "the metadata of a Deployment must be a mapping (with name, namespace, labels, …), not the string \"payments\""},
		{"name-number.yaml", 4, 9, "Invalid Kubernetes object", "metadata.name of a ConfigMap must be a string, not the number 2024; quote it if it is a number or a boolean"},
		{"list-items.yaml", 3, 8, "Invalid Kubernetes object", `the items of a List must be a list of objects, not the string "payments"`},
		{"list-item-kind.json", 13, 21, "Invalid Kubernetes object", `kind of item 2 of the List at line 1 must be a non-empty string (such as "Deployment"), but it is the boolean true`},
		{"duplicate-key.yaml", 5, 3, "Invalid YAML", `mapping key "name" already defined at line 4`},
		{"utf16.yaml", 1, 1, "Unsupported text encoding", "the file is UTF-16 encoded (Windows PowerShell's \">\" writes UTF-16); save it as UTF-8, e.g. with \"| Out-File -Encoding utf8\""},
	}
	env := providers.Env{FS: os.DirFS("testdata/invalid")}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := load(t, env, `provider "kubernetes" { snapshot = "`+tt.file+`" }`)
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
