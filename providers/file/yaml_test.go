package file

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/socle-dev/socle/providers"
)

func TestYAMLValues(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // the content as JSON
	}{
		{"merge order", "x: &x {a: 1, b: 1}\ny: &y {b: 2, c: 2}\nz: {<<: [*x, *y], c: 3}\n",
			`{"x": {"a": 1, "b": 1}, "y": {"b": 2, "c": 2}, "z": {"a": 1, "b": 1, "c": 3}}`},
		{"merge chain", "x: &x {a: 1}\ny: &y {<<: *x, b: 2}\nz: {<<: *y}\n",
			`{"x": {"a": 1}, "y": {"a": 1, "b": 2}, "z": {"a": 1, "b": 2}}`},
		{"quoted merge key is a key", "'<<': 1\n", `{"<<": 1}`},
		{"numbers", "[0x1F, 0o17, 1_000, -0, 1.0, 1e3, +12, 12345678901234567890123, .5, -.inf, .nan]",
			`[31, 15, 1000, -0, 1.0, 1e3, 12, 12345678901234567890123, 0.5, "-.inf", ".nan"]`},
		{"strings as written", "[2024-01-01, 2024-12-20T10:30:00Z, !!binary aGVsbG8=, !Ref Bucket, '1', no, ~, null, true, False]",
			`["2024-01-01", "2024-12-20T10:30:00Z", "aGVsbG8=", "Bucket", "1", "no", null, null, true, false]`},
		{"keys", "{1: a, 1.5: b, true: c, ~: d, [x, 1]: e, {k: v}: f}",
			`{"1": "a", "1.5": "b", "true": "c", "null": "d", "[\"x\",1]": "e", "{\"k\":\"v\"}": "f"}`},
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

func TestYAMLErrors(t *testing.T) {
	laughs := "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
	for _, c := range "bcdefghi" {
		prev := string(c - 1)
		laughs += string(c) + ": &" + string(c) + " [" + strings.Repeat("*"+prev+", ", 9) + "*" + prev + "]\n"
	}
	tests := []struct {
		name, in     string
		line, column int
		detail       string
	}{
		{"alias to itself", "a: &a [1, *a]\n", 1, 11, "the alias *a is inside the value its anchor names"},
		{"merge of itself", "a: &a\n  b: 1\n  <<: *a\n", 3, 7, "the alias *a is inside the value its anchor names"},
		{"billion laughs", laughs, 0, 0, "the file's aliases expand to too many values"},
		{"unknown anchor", "a: 1\nb: *nope\n", 2, 4, "the alias *nope refers to no anchor (&nope) defined before it"},
		{"merge of a scalar", "a: {<<: 1}\n", 1, 9, "a merge key (<<) needs a mapping or a list of mappings"},
		{"duplicate after conversion", "1: a\n'1': b\n", 2, 1, `mapping key "1" already defined at line 1`},
		{"control character", "a: 1\nb: \x01\n", 2, 4, "control characters are not allowed"},
		{"invalid UTF-8", "a: \xff\n", 1, 4, "invalid leading UTF-8 octet"},
		{"first-line problem", "a: b: c\n", 1, 0, "mapping values are not allowed in this context"},
		{"parser problem", "a:\n  - b\n c: d\n", 3, 0, "did not find expected key"},
		{"bad bool", "a: !!bool maybe\n", 1, 4, `"maybe" is not a boolean`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseYAML("a.yaml", []byte(tt.in))
			var se *providers.SourceError
			if !errors.As(err, &se) {
				t.Fatalf("parseYAML = %v, want a *providers.SourceError", err)
			}
			if se.Summary != "Invalid YAML" || se.Detail != tt.detail || (tt.line != 0 && (se.Line != tt.line || se.Column != tt.column)) {
				t.Errorf("got %#v, want %d:%d %q", *se, tt.line, tt.column, tt.detail)
			}
		})
	}
}
