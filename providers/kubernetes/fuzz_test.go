package kubernetes

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/socle-dev/socle/providers"
	"github.com/socle-dev/socle/providers/internal/providertest"
)

// FuzzLoad feeds a manifest file, YAML or JSON, to the whole-file reader and
// the normalizer: they must never panic, and either return a positioned
// *providers.SourceError or a valid document whose entries lie on lines of
// the file and whose indexes agree with objects.
func FuzzLoad(f *testing.F) {
	// The fixtures as seeds, but the largest: minimizing a large input that
	// finds new coverage takes most of a 30-second run. The committed seeds
	// in testdata/fuzz/FuzzLoad cover what they hold.
	const maxSeed = 2500
	for _, dir := range []string{"testdata/repo", "testdata/invalid"} {
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !manifestFile(p) {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil || len(data) > maxSeed {
				return err
			}
			f.Add(data, strings.HasSuffix(p, ".json"))
			return nil
		})
		if err != nil {
			f.Fatal(err)
		}
	}
	for _, s := range []string{
		"---\n# Source: c/templates/a.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n",
		"apiVersion: v1\nkind: List\nitems:\n- &p {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: c}]}}\n- *p\n",
		"base: &b {apiVersion: v1, kind: ConfigMap}\n---\n<<: *b\nmetadata: {name: merged}\n",
		"apiVersion: v1\nkind: PodList\nitems: [{metadata: {name: a}}, ~, 3]\n",
		"kind: 1\n",
		"apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {k: dg==}\n",
	} {
		f.Add([]byte(s), false)
	}
	for _, s := range []string{
		`{"kind":"DeploymentList","apiVersion":"apps/v1","items":[{"metadata":{"name":"a"},"spec":{"template":{"spec":{}}}}]}`,
		`{"apiVersion":"v1","items":[{"items":[]},{"apiVersion":"v1","kind":"List","items":null}],"kind":"List"}`,
		`{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": 1}}`,
		`null`,
		`[1, 2`,
	} {
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, isJSON bool) {
		name := "f.yaml"
		if isJSON {
			name = "f.json"
		}
		r := &reader{}
		if err := readFile(r, name, data); err != nil {
			var se *providers.SourceError
			if !errors.As(err, &se) {
				t.Fatalf("error %v (%T) is not a *providers.SourceError", err, err)
			}
			if se.File != name || se.Line < 0 || se.Column < 0 || se.Summary == "" || se.Detail == "" {
				t.Fatalf("malformed error %#v", se)
			}
			return
		}
		value, dups := normalize(r.objects, "default")
		if err := providertest.CheckValue(value); err != nil {
			t.Fatal(err)
		}
		// At most this many lines, whatever ends them: YAML also breaks lines on
		// a lone CR, NEL, LS and PS.
		lines := 1 + bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) +
			bytes.Count(data, []byte("\u0085")) + bytes.Count(data, []byte("\u2028")) + bytes.Count(data, []byte("\u2029"))
		for _, w := range append(r.warnings, dups...) {
			if w.File != name || w.Line < 1 || w.Line > lines || w.Column < 0 || w.Summary == "" || w.Detail == "" {
				t.Fatalf("malformed warning %#v", w)
			}
		}
		objects := value["objects"].([]any)
		byKey := value["by_key"].(map[string]any)
		if len(objects) != len(r.objects) || len(byKey) > len(objects) || len(byKey)+len(dups) != len(objects) {
			t.Fatalf("%d objects read, %d in objects, %d keys, %d duplicates", len(r.objects), len(objects), len(byKey), len(dups))
		}
		for _, o := range objects {
			e := o.(map[string]any)
			line, err := e["source"].(map[string]any)["line"].(interface{ Int64() (int64, error) }).Int64()
			if err != nil || line < 1 || line > int64(lines) {
				t.Fatalf("%s on line %d of a %d-line file", e["key"], line, lines)
			}
			if e["key"] != e["kind"].(string)+"/"+e["namespace"].(string)+"/"+e["name"].(string) || e["kind"] == "" || e["apiVersion"] == "" {
				t.Fatalf("entry %v", e)
			}
			if _, ok := byKey[e["key"].(string)]; !ok {
				t.Fatalf("%s is not in by_key", e["key"])
			}
		}
		for _, p := range value["pod_specs"].([]any) {
			if _, ok := byKey[p.(map[string]any)["key"].(string)]; !ok {
				t.Fatalf("pod spec of %v, which is not in by_key", p)
			}
		}
	})
}
