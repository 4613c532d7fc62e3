package file

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/socle-dev/socle/providers"
)

// TestYAMLValues checks what parseYAML adds to yamlvalue's conversion (which
// providers/internal/yamlvalue tests): the documents of a stream.
func TestYAMLValues(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // the content as JSON
	}{
		{"empty documents dropped", "---\na: 1\n---\n---\n", `{"a": 1}`},
		{"only a separator", "---\n", `null`},
		{"explicit null document", "~\n", `null`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := parseYAML("a.yaml", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			var want any
			d := json.NewDecoder(strings.NewReader(tt.want))
			d.UseNumber()
			if err := d.Decode(&want); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(p.content, want) {
				t.Errorf("content = %#v, want %#v", p.content, want)
			}
		})
	}
}

// TestYAMLErrors checks that parseYAML's errors are yamlvalue's (which
// providers/internal/yamlvalue tests), from parsing and from converting.
func TestYAMLErrors(t *testing.T) {
	tests := []struct {
		name, in     string
		line, column int
		detail       string
	}{
		{"alias to itself", "a: &a [1, *a]\n", 1, 11, "the alias *a is inside the value its anchor names"},
		{"parser problem", "a:\n  - b\n c: d\n", 3, 0, "did not find expected key"},
		// yaml.v3 points at line 3, where the mapping holding the problem
		// starts, and so did this provider before it used yamlvalue.Error.
		{"nested indentation", "a: 1\nb:\n  c:\n    d: 1\n   e: 2\n", 5, 0, "did not find expected key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseYAML("a.yaml", []byte(tt.in))
			var se *providers.SourceError
			if !errors.As(err, &se) {
				t.Fatalf("parseYAML = %v, want a *providers.SourceError", err)
			}
			if se.File != "a.yaml" || se.Summary != "Invalid YAML" || se.Detail != tt.detail || se.Line != tt.line || se.Column != tt.column {
				t.Errorf("got %#v, want %d:%d %q", *se, tt.line, tt.column, tt.detail)
			}
		})
	}
}
