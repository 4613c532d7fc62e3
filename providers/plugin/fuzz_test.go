package plugin

import (
	"errors"
	"slices"
	"testing"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/socle-dev/socle/providers"
	"github.com/socle-dev/socle/providers/internal/providertest"
)

// FuzzDecodeResult feeds plug-in output to the load/collect response
// decoder: it must never panic, and give exactly one of a valid document, an
// error the plug-in reported, or an *Error saying what is wrong with the
// output.
func FuzzDecodeResult(f *testing.F) {
	for _, s := range []string{
		`{"protocol": 1, "document": {"hosts": [{"name": "a", "cpu": 2.50}]}, "items": 1, "sources": ["b/hosts.json", "./a//x.json"], "params": {"api": "https://cmdb.example.test"}, "warnings": [{"summary": "No owner", "file": "b/hosts.json", "line": 3, "column": 7}, {"summary": "Rate limited"}], "locations": {"a": {"file": "b/hosts.json", "line": 3}}, "collected_at": "2025-11-03T07:00:00+01:00"}`,
		`{"protocol": 1, "error": {"summary": "Invalid inventory", "detail": "no id", "file": "inv/a.json", "line": 12, "column": 5}}`,
		`{"protocol": 1, "error": {"summary": "CMDB unavailable"}}`,
		`{"protocol": 2, "error": {"summary": "socle 2 needed"}}`,
		`{"protocol": 1, "document": null, "items": 0}`,
		`{"protocol": 1, "document": {}, "items": 0, "items": 1}`,
		`{"protocol": 1, "document": {}, "items": 0, "sources": ["../x"]}`,
		"Loading...\n{\"protocol\": 1}",
		`{"protocol": 1, "document": [1,`,
		`[]`,
		``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, reported, err := decodeResult(data)
		n := 0
		for _, ok := range []bool{doc != nil, reported != nil, err != nil} {
			if ok {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("decodeResult = %v, %v, %v: want exactly one", doc, reported, err)
		}
		switch {
		case err != nil:
			checkError(t, err)
		case reported != nil:
			var se *providers.SourceError
			if errors.As(reported, &se) {
				checkProblem(t, se)
				if se.File == "" {
					t.Fatalf("reported %#v without a file is not an *Error", se)
				}
				return
			}
			var e *Error
			if !errors.As(reported, &e) || e.Summary == "" {
				t.Fatalf("reported %#v is not an *Error with a summary", reported)
			}
		default:
			if err := providertest.CheckValue(doc.Value); err != nil {
				t.Fatal(err)
			}
			if doc.Items < 0 || !slices.IsSorted(doc.Sources) || len(slices.Compact(slices.Clone(doc.Sources))) != len(doc.Sources) {
				t.Fatalf("Items %d, Sources %q", doc.Items, doc.Sources)
			}
			for _, s := range doc.Sources {
				checkPath(t, s)
			}
			for _, w := range doc.Warnings {
				checkProblem(t, w)
			}
			for _, k := range reservedParams {
				if _, ok := doc.Params[k]; ok {
					t.Fatalf("Params hold %q", k)
				}
			}
			for _, loc := range doc.Locations {
				checkPath(t, loc.File)
				if loc.Line < 1 {
					t.Fatalf("location %v", loc)
				}
			}
		}
	})
}

// FuzzDecodeSchema feeds plug-in output to the schema decoder.
func FuzzDecodeSchema(f *testing.F) {
	for _, s := range []string{
		`{"protocol": 1, "attributes": {"path": {"type": "string", "required": true, "description": "export"}, "min_items": {"type": "number"}, "labels": {"type": "map(list(any))"}}, "modes": ["load", "collect"], "version": "0.3.0"}`,
		`{"protocol": 1, "attributes": {}, "modes": ["collect"]}`,
		`{"protocol": 1, "attributes": {"alias": {"type": "string"}}, "modes": ["load"]}`,
		`{"protocol": 1, "attributes": {"a": {"type": "list(list(list(list(list(list(list(list(list(string)))))))))"}}, "modes": ["load"]}`,
		`{"protocol": 1, "error": {"summary": "Missing dependency"}}`,
		`{"protocol": 1, "attributes": {"a": {"type": "set(string)"}}, "modes": []}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, reported, err := decodeSchema(data)
		switch {
		case err != nil:
			if s != nil || reported != nil {
				t.Fatal("a schema or a reported error with an error")
			}
			checkError(t, err)
		case reported != nil:
			if s != nil {
				t.Fatal("a schema with a reported error")
			}
		default:
			if s == nil || !s.Load && !s.Collect {
				t.Fatalf("schema %+v", s)
			}
			for name, a := range s.Attributes {
				if !hclsyntax.ValidIdentifier(name) || slices.Contains(reserved, name) || a.Cty == cty.NilType {
					t.Fatalf("attribute %q: %+v", name, a)
				}
			}
			_ = s.spec()
		}
	})
}

func checkError(t *testing.T, err error) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Summary == "" || e.Detail == "" {
		t.Fatalf("error %#v is not an *Error with a summary and a detail", err)
	}
}

func checkProblem(t *testing.T, se *providers.SourceError) {
	t.Helper()
	if se.Summary == "" || se.Line < 0 || se.Column < 0 || se.File == "" && se.Line > 0 || se.Line == 0 && se.Column > 0 {
		t.Fatalf("problem %#v", se)
	}
	if se.File != "" {
		checkPath(t, se.File)
	}
}

func checkPath(t *testing.T, p string) {
	t.Helper()
	if clean, err := providers.CleanPath(p); err != nil || clean != p {
		t.Fatalf("path %q is not clean: %v", p, err)
	}
}
