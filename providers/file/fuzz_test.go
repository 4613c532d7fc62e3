package file

import (
	"bytes"
	"errors"
	"testing"

	"github.com/socle-dev/socle/providers"
	"github.com/socle-dev/socle/providers/internal/providertest"
)

// fuzzParser checks what every parser promises on any input, given to it as
// the loader gives it (through providers.TrimBOM, which refuses UTF-16 and
// bytes that are not UTF-8 before any parser sees them): no panic; either a
// positioned *providers.SourceError for the file, or a valid value tree whose
// items lie on lines of the file.
func fuzzParser(t *testing.T, parse func(string, []byte) (*parsed, error), data []byte) {
	data, err := providers.TrimBOM("f", data)
	var p *parsed
	if err == nil {
		p, err = parse("f", data)
	}
	if err != nil {
		var se *providers.SourceError
		if !errors.As(err, &se) {
			t.Fatalf("error %v (%T) is not a *providers.SourceError", err, err)
		}
		if se.File != "f" || se.Line < 0 || se.Column < 0 || se.Summary == "" || se.Detail == "" {
			t.Fatalf("malformed error %#v", se)
		}
		return
	}
	if err := providertest.CheckValue(p.content); err != nil {
		t.Fatal(err)
	}
	// At most this many lines, whatever ends them: YAML also breaks lines on
	// a lone CR, NEL, LS and PS.
	lines := 1 + bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) +
		bytes.Count(data, []byte("\u0085")) + bytes.Count(data, []byte("\u2028")) + bytes.Count(data, []byte("\u2029"))
	for _, it := range p.items {
		if it.line < 1 || it.line > lines {
			t.Fatalf("item on line %d of a %d-line file", it.line, lines)
		}
		if err := providertest.CheckValue(it.value); err != nil {
			t.Fatal(err)
		}
	}
}

func FuzzJSON(f *testing.F) {
	for _, s := range []string{
		`[{"id": "00u1", "factors": 2}, {"id": "00u2", "factors": 1.5e3}]`,
		`{"a": {"b": [true, false, null, "x\u00e9"]}}`,
		"[\n  1,\n  2\n]",
		`"just a string"`,
		`[1, 2`,
		``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParser(t, parseJSON, data) })
}

func FuzzYAML(f *testing.F) {
	for _, s := range []string{
		"apiVersion: v1\nkind: ServiceAccount\n---\napiVersion: v1\nkind: Service\n",
		"base: &b {a: 1, b: [x, y]}\nuse:\n  <<: *b\n  c: 0x1F\n",
		"- 1_000\n- .inf\n- 2024-01-01\n- !!binary aGVsbG8=\n- !Ref x\n",
		"? [a, b]\n: c\n1: one\n~: null\n",
		"a: &a [*a]\n",
		"a: 1\na: 2\n",
		"key: 'unterminated\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParser(t, parseYAML, data) })
}

func FuzzCSV(f *testing.F) {
	for _, s := range []string{
		"id,name\n1,Ada\n2,\"Hopper, Grace\"\n",
		"id,notes\n1,\"multi\nline\"\n",
		"a,b\n1\n",
		"a,a\n1,2\n",
		"a,b\n1,say \"hi\"\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParser(t, parseCSV, data) })
}
