package postgres

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/socle-dev/socle/providers"
	"github.com/socle-dev/socle/providers/internal/providertest"
)

// FuzzSnapshot feeds snapshot files to the load-mode parser: it must never
// panic, and either return a positioned *providers.SourceError or a valid
// document that reads back unchanged once written.
func FuzzSnapshot(f *testing.F) {
	files, err := filepath.Glob("testdata/invalid/*.json")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range append(files, "testdata/minimal.json", "testdata/sample.json") {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := parseSnapshot("s.json", data)
		if err != nil {
			var se *providers.SourceError
			if !errors.As(err, &se) {
				t.Fatalf("error %v (%T) is not a *providers.SourceError", err, err)
			}
			if se.File != "s.json" || se.Summary == "" || se.Detail == "" || se.Line < 1 || se.Column < 1 {
				t.Fatalf("malformed error %#v", se)
			}
			return
		}
		if err := providertest.CheckValue(doc.Value); err != nil {
			t.Fatal(err)
		}
		roles := doc.Value.(map[string]any)["roles"].(map[string]any)
		if doc.Items != len(roles) {
			t.Fatalf("Items = %d for %d roles", doc.Items, len(roles))
		}
		out, err := json.Marshal(doc.Value)
		if err != nil {
			t.Fatal(err)
		}
		again, err := parseSnapshot("s.json", out)
		if err != nil {
			t.Fatalf("the document written back does not load: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(again.Value, doc.Value) {
			t.Fatalf("the document changes when written back and loaded:\n%s", out)
		}
	})
}
