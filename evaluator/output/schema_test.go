package output_test

import (
	"os"
	"os/exec"
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

// TestGoldenJUnitValidates validates every golden JUnit file against the JUnit
// schema with xmllint (Debian's libxml2-utils, installed by .ci/run).
func TestGoldenJUnitValidates(t *testing.T) {
	xsd := schema(t, "junit.xsd")
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("xmllint is not installed (apt-get install libxml2-utils)")
		}
		t.Skip("xmllint is not installed (apt-get install libxml2-utils)")
	}
	files, _ := filepath.Glob("../../testdata/golden/*.xml")
	if len(files) == 0 {
		t.Fatal("no golden JUnit file")
	}
	for _, f := range files {
		if out, err := exec.Command(xmllint, "--noout", "--schema", xsd, f).CombinedOutput(); err != nil {
			t.Errorf("%s does not validate: %v\n%s", f, err, out)
		}
	}
	// The check must be able to fail.
	bad := filepath.Join(t.TempDir(), "bad.xml")
	if err := os.WriteFile(bad, []byte(`<testsuites><testsuite name="x"/></testsuites>`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := exec.Command(xmllint, "--noout", "--schema", xsd, bad).Run(); err == nil {
		t.Error("an invalid JUnit file validated")
	}
}
