// Package providertest holds helpers the provider packages' tests share:
// parsing a provider block, checking a document's value tree, and comparing
// with golden files. Only tests import it.
package providertest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/socle-dev/socle/providers"
)

// Body parses src, which must hold exactly one provider block, and returns
// the block's body, as the configuration layer hands it to Type.Configure.
func Body(t testing.TB, src string) hcl.Body {
	t.Helper()
	f, diags := hclsyntax.ParseConfig([]byte(src), "socle.hcl", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("parsing test configuration: %s", diags.Error())
	}
	blocks := f.Body.(*hclsyntax.Body).Blocks
	if len(blocks) != 1 {
		t.Fatalf("test configuration has %d blocks, want 1", len(blocks))
	}
	return blocks[0].Body
}

// CheckValue reports the first place in v holding a type that a Document's
// Value may not hold (see providers.Document).
func CheckValue(v any) error {
	return check(v, "$")
}

func check(v any, at string) error {
	switch v := v.(type) {
	case nil, string, json.Number, bool:
		return nil
	case map[string]any:
		for k, e := range v {
			if err := check(e, at+"."+k); err != nil {
				return err
			}
		}
		return nil
	case []any:
		for i, e := range v {
			if err := check(e, fmt.Sprintf("%s[%d]", at, i)); err != nil {
				return err
			}
		}
		return nil
	default:
		return fmt.Errorf("%s is a %T", at, v)
	}
}

// Render is the golden form of a document: its value, sources, item count and
// warnings, as indented JSON.
func Render(t testing.TB, doc *providers.Document) []byte {
	t.Helper()
	warnings := make([]string, 0, len(doc.Warnings))
	for _, w := range doc.Warnings {
		warnings = append(warnings, w.Error())
	}
	return JSON(t, map[string]any{
		"value":    doc.Value,
		"sources":  doc.Sources,
		"items":    doc.Items,
		"warnings": warnings,
	})
}

// JSON renders v as indented JSON without HTML escaping, ending in a newline.
func JSON(t testing.TB, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatalf("rendering JSON: %v", err)
	}
	return buf.Bytes()
}

// Golden compares got with the file at path, or rewrites the file when update
// is set (go test -update).
func Golden(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden file (run go test -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run go test -update and review the diff):\n--- got\n%s", path, got)
	}
}

// ConfigureFails configures typ with the provider block src (parsed as
// socle.hcl) and checks that it fails: no instance, and a first diagnostic
// with the given summary on the given line whose detail contains detail.
func ConfigureFails(t testing.TB, typ providers.Type, src string, env providers.Env, line int, summary, detail string) {
	t.Helper()
	in, diags := typ.Configure(Body(t, src), nil, env)
	if !diags.HasErrors() {
		t.Fatalf("Configure succeeded, want %q", summary)
	}
	if in != nil {
		t.Error("Configure returned an instance with errors")
	}
	d := diags[0]
	if d.Summary != summary || !strings.Contains(d.Detail, detail) || d.Subject == nil || d.Subject.Start.Line != line || d.Subject.Filename != "socle.hcl" {
		t.Errorf("got %s (subject %v), want %q (%q) on line %d", d.Error(), d.Subject, summary, detail, line)
	}
}

// Documented fails the test for each attribute of schema that the section of
// docs/providers.md on the provider type ("## `TYPE`", up to the next "## ")
// does not name, so the provider reference cannot fall behind a type's
// configuration.
func Documented(t *testing.T, typ string, schema *hcl.BodySchema) {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
	b, err := os.ReadFile(filepath.Join(dir, "docs", "providers.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	start := strings.Index(doc, "\n## `"+typ+"`\n")
	if start < 0 {
		t.Fatalf("docs/providers.md has no section ## `%s`", typ)
	}
	section := doc[start+1:]
	if end := strings.Index(section[1:], "\n## "); end >= 0 {
		section = section[:end+1]
	}
	for _, a := range schema.Attributes {
		if !regexp.MustCompile(`\b` + regexp.QuoteMeta(a.Name) + `\b`).MatchString(section) {
			t.Errorf("docs/providers.md, ## `%s`: the attribute %s is not documented", typ, a.Name)
		}
	}
}
