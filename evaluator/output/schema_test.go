package output_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/xeipuuv/gojsonschema"
)

// schema returns the path of an official schema in ../shared/schemas. Under CI
// a missing schema fails the test; elsewhere it skips with the reason.
func schema(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "schemas", name))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("schema %s not found beside the repository: %v", name, err)
		}
		t.Skipf("schema %s not found beside the repository (../shared/schemas): %v", name, err)
	}
	return p
}

// TestGoldenSARIFValidates validates every golden SARIF file against the
// official SARIF 2.1.0 schema.
func TestGoldenSARIFValidates(t *testing.T) {
	loader := gojsonschema.NewReferenceLoader("file://" + schema(t, "sarif-schema-2.1.0.json"))
	s, err := gojsonschema.NewSchema(loader)
	if err != nil {
		t.Fatal(err)
	}
	// The validator must be able to fail: a log with a wrong version is refused.
	if res, err := s.Validate(gojsonschema.NewStringLoader(`{"version": "2.0.0", "runs": []}`)); err != nil || res.Valid() {
		t.Fatalf("an invalid SARIF log validated (err %v)", err)
	}
	files, _ := filepath.Glob("../../testdata/golden/*.sarif")
	if len(files) == 0 {
		t.Fatal("no golden SARIF file")
	}
	for _, f := range files {
		abs, _ := filepath.Abs(f)
		res, err := s.Validate(gojsonschema.NewReferenceLoader("file://" + abs))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, e := range res.Errors() {
			t.Errorf("%s: %s", f, e)
		}
	}
}
