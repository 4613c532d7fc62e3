package terraform

import (
	"errors"
	"os"
	"testing"

	"github.com/socle-dev/socle/providers"
	"github.com/socle-dev/socle/providers/internal/providertest"
)

// FuzzNormalize feeds plan and state JSON to the normalizer: it must never
// panic, and either return a positioned *providers.SourceError or a valid
// document in which nothing a mask marks sensitive survives.
func FuzzNormalize(f *testing.F) {
	for _, name := range []string{"testdata/plan.json", "testdata/state.json", "testdata/empty-state.json", "testdata/plan-0.12.json"} {
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
