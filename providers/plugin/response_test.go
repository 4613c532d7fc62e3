package plugin

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/zclconf/go-cty/cty"

	"github.com/socle-dev/socle/providers"
)

func TestDecodeResult(t *testing.T) {
	out := []byte(`{
  "protocol": 1,
  "document": {"hosts": [{"name": "a", "cpu": 2.50, "big": 12345678901234567890}], "none": null},
  "items": 1,
  "sources": ["b/hosts.json", "./a//x.json", "b/hosts.json"],
  "params": {"api": "https://cmdb.example.test", "query": "hosts"},
  "warnings": [
    {"summary": "Host without owner", "detail": "a has no owner", "file": "b/hosts.json", "line": 3, "column": 7},
    {"summary": "Rate limited"}
  ],
  "locations": {"a": {"file": "b/hosts.json", "line": 3}},
  "collected_at": "2025-11-03T07:00:00+01:00"
}`)
	doc, reported, err := decodeResult(out)
	if err != nil || reported != nil {
		t.Fatalf("decodeResult: %v, %v", reported, err)
	}
	want := &providers.Document{
		Value: map[string]any{
			"hosts": []any{map[string]any{"name": "a", "cpu": json.Number("2.50"), "big": json.Number("12345678901234567890")}},
			"none":  nil,
		},
		Items:   1,
		Sources: []string{"a/x.json", "b/hosts.json"},
		Params:  map[string]string{"api": "https://cmdb.example.test", "query": "hosts"},
		Warnings: []*providers.SourceError{
			{File: "b/hosts.json", Line: 3, Column: 7, Summary: "Host without owner", Detail: "a has no owner"},
			{Summary: "Rate limited"},
		},
		Locations:   map[string]providers.Location{"a": {File: "b/hosts.json", Line: 3}},
		CollectedAt: time.Date(2025, 11, 3, 6, 0, 0, 0, time.UTC),
	}
	if !reflect.DeepEqual(doc, want) {
		t.Errorf("document\n got %#v\nwant %#v", doc, want)
	}
	if doc.CollectedAt.Location() != time.UTC {
		t.Error("CollectedAt is not in UTC")
	}
}

func TestDecodeReported(t *testing.T) {
	tests := []struct {
		out  string
		want error
	}{
		{`{"protocol": 1, "error": {"summary": "Invalid inventory", "detail": "asset 3 has no id", "file": "inv/a.json", "line": 12, "column": 5}}`,
			&providers.SourceError{File: "inv/a.json", Line: 12, Column: 5, Summary: "Invalid inventory", Detail: "asset 3 has no id"}},
		{`{"error": {"summary": "Too few assets", "file": "inv/a.json"}, "protocol": 1}`,
			&providers.SourceError{File: "inv/a.json", Summary: "Too few assets"}},
		{`{"protocol": 1, "error": {"summary": "CMDB unavailable", "detail": "503"}}`,
			&Error{Summary: "CMDB unavailable", Detail: "503"}},
		{`{"protocol": 1, "error": {"summary": "\u001b[31mRed\u001b[0m", "detail": "line\nnext\tcell\u0007"}}`,
			&Error{Summary: "\uFFFD[31mRed\uFFFD[0m", Detail: "line\nnext\tcell\uFFFD"}},
	}
	for _, tt := range tests {
		doc, reported, err := decodeResult([]byte(tt.out))
		if doc != nil || err != nil || !reflect.DeepEqual(reported, tt.want) {
			t.Errorf("decodeResult(%s) = %v, %#v, %v; want %#v", tt.out, doc, reported, err, tt.want)
		}
	}
}

// TestDecodeInvalid: a response the protocol does not allow is an *Error
// naming the line and column of the plug-in's output and what is wrong.
func TestDecodeInvalid(t *testing.T) {
	tests := []struct {
		name, out, summary, detail string
	}{
		{"empty", " \n", "No response", "the plug-in wrote nothing to its standard output; it must answer each request with one JSON object"},
		{"log line", "fetching...\n{}", "Invalid JSON response", "line 1, column 2 of its standard output: invalid character 'e' in literal false (expecting 'a'); the standard output must hold one JSON object and nothing else (write logs to standard error)"},
		{"two objects", `{"protocol": 1}` + "\n" + `{"protocol": 1}`, "Invalid JSON response", "line 2, column 1 of its standard output: invalid character '{' after top-level value; the standard output must hold one JSON object and nothing else (write logs to standard error)"},
		{"truncated", "{\"protocol\": 1, \"document\": [1,", "Invalid JSON response", "line 1, column 32 of its standard output: unexpected end of file: the JSON value is incomplete (is the file truncated?)"},
		{"array", `[]`, "Invalid response", "line 1, column 1 of its standard output: the response must be an object, not an array (see the plug-in protocol)"},
		{"no protocol", `{"document": {}, "items": 0}`, "Invalid response", `line 1, column 1 of its standard output: the response has no "protocol" member; write "protocol": 1 (see the plug-in protocol)`},
		{"protocol string", `{"protocol": "1"}`, "Invalid response", `line 1, column 14 of its standard output: protocol must be a whole number of zero or more, not a string (see the plug-in protocol)`},
		{"protocol 2", `{"protocol": 2, "error": {"summary": "socle 2 needed"}}`, "Unsupported protocol version", "the plug-in speaks version 2 of the plug-in protocol; this socle speaks version 1. Install a version of the plug-in made for protocol 1, or a socle that speaks version 2 (the plug-in said: socle 2 needed)"},
		{"protocol 0", `{"protocol": 0}`, "Unsupported protocol version", "the plug-in speaks version 0 of the plug-in protocol; this socle speaks version 1. Install a version of the plug-in made for protocol 1, or a socle that speaks version 0"},
		{"no document", `{"protocol": 1, "items": 0}`, "Invalid response", `line 1, column 1 of its standard output: the response has neither a "document" nor an "error" member (see the plug-in protocol)`},
		{"null document", `{"protocol": 1, "document": null, "items": 0}`, "Invalid response", `line 1, column 1 of its standard output: the response has neither a "document" nor an "error" member (see the plug-in protocol)`},
		{"no items", `{"protocol": 1, "document": {}}`, "Invalid response", `line 1, column 1 of its standard output: the response has no "items" member; write the number of items the document holds (rows, resources, hosts) (see the plug-in protocol)`},
		{"negative items", "{\"protocol\": 1,\n \"document\": {},\n \"items\": -1}", "Invalid response", "line 3, column 11 of its standard output: items must be a whole number from 0 to 2147483647, not -1 (see the plug-in protocol)"},
		{"fractional items", `{"protocol": 1, "document": {}, "items": 2.0}`, "Invalid response", "line 1, column 42 of its standard output: items must be a whole number from 0 to 2147483647, not 2.0 (see the plug-in protocol)"},
		{"unknown member", "{\"protocol\": 1, \"document\": {}, \"items\": 0,\n  \"warning\": []}", "Invalid response", `line 2, column 3 of its standard output: the response has an unknown member "warning"; the members are "protocol", "document", "items", "sources", "params", "warnings", "locations", "collected_at" and "error" (see the plug-in protocol)`},
		{"twice", `{"protocol": 1, "document": {}, "items": 0, "items": 1}`, "Invalid response", `line 1, column 45 of its standard output: items is written twice (see the plug-in protocol)`},
		{"absolute source", `{"protocol": 1, "document": {}, "items": 0, "sources": ["/etc/passwd"]}`, "Invalid response", `line 1, column 57 of its standard output: sources[0] must be a path relative to the policy repository: "/etc/passwd" is an absolute path; paths are relative to the policy repository and must stay inside it (see the plug-in protocol)`},
		{"source outside", `{"protocol": 1, "document": {}, "items": 0, "sources": ["a", "../b"]}`, "Invalid response", `line 1, column 62 of its standard output: sources[1] must be a path relative to the policy repository: "../b" leaves the policy repository; paths must stay inside it (see the plug-in protocol)`},
		{"param number", `{"protocol": 1, "document": {}, "items": 0, "params": {"port": 5432}}`, "Invalid response", `line 1, column 64 of its standard output: params["port"] must be a string, not a number (see the plug-in protocol)`},
		{"reserved param", `{"protocol": 1, "document": {}, "items": 0, "params": {"plugin": "x"}}`, "Invalid response", `line 1, column 66 of its standard output: params["plugin"] is a parameter socle sets itself (plugin, plugin_version); use another name (see the plug-in protocol)`},
		{"warning without summary", `{"protocol": 1, "document": {}, "items": 0, "warnings": [{"detail": "x"}]}`, "Invalid response", `line 1, column 58 of its standard output: warnings[0] has no "summary" member; write a short sentence such as "Invalid inventory" (see the plug-in protocol)`},
		{"empty summary", `{"protocol": 1, "error": {"summary": ""}}`, "Invalid response", `line 1, column 38 of its standard output: error.summary is empty; write a short sentence such as "Invalid inventory" (see the plug-in protocol)`},
		{"line without file", `{"protocol": 1, "error": {"summary": "x", "line": 3}}`, "Invalid response", `line 1, column 51 of its standard output: error.line needs a "file": a line is in a file (see the plug-in protocol)`},
		{"column without line", `{"protocol": 1, "error": {"summary": "x", "file": "a", "column": 3}}`, "Invalid response", `line 1, column 66 of its standard output: error.column needs a "line" of 1 or more: a column is on a line (see the plug-in protocol)`},
		{"error and document", `{"protocol": 1, "error": {"summary": "x"}, "document": {}}`, "Invalid response", `line 1, column 56 of its standard output: document is not expected in an error response, which holds only "protocol" and "error" (see the plug-in protocol)`},
		{"error unknown member", `{"protocol": 1, "error": {"summary": "x", "message": "y"}}`, "Invalid response", `line 1, column 43 of its standard output: error has an unknown member "message"; the members are "summary", "detail", "file", "line" and "column" (see the plug-in protocol)`},
		{"location line 0", `{"protocol": 1, "document": {}, "items": 0, "locations": {"a": {"file": "x.tf", "line": 0}}}`, "Invalid response", `line 1, column 89 of its standard output: locations["a"].line must be 1 or more: lines count from 1 (see the plug-in protocol)`},
		{"bad time", `{"protocol": 1, "document": {}, "items": 0, "collected_at": "yesterday"}`, "Invalid response", `line 1, column 61 of its standard output: collected_at "yesterday" is not an RFC 3339 time such as "2025-11-03T06:00:00Z" (see the plug-in protocol)`},
		{"unicode column", `{"protocol": 1, "document": {"é": "ü"}, "items": "x"}`, "Invalid response", `line 1, column 50 of its standard output: items must be a whole number of zero or more, not a string (see the plug-in protocol)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, reported, err := decodeResult([]byte(tt.out))
			var e *Error
			if reported != nil || !errors.As(err, &e) {
				t.Fatalf("decodeResult = %v, %v; want an *Error", reported, err)
			}
			if e.Summary != tt.summary || e.Detail != tt.detail {
				t.Errorf("got  %q: %q\nwant %q: %q", e.Summary, e.Detail, tt.summary, tt.detail)
			}
		})
	}
}

func TestDecodeSchema(t *testing.T) {
	s, reported, err := decodeSchema([]byte(`{
  "protocol": 1,
  "attributes": {
    "endpoint": {"type": "string", "required": true, "description": "API base URL"},
    "filters":  {"type": "map( list(string) )"},
    "anything": {"type": "any"},
    "verbose":  {"type": "bool", "required": false}
  },
  "modes": ["collect"],
  "version": "2.1.0"
}`))
	if err != nil || reported != nil {
		t.Fatal(reported, err)
	}
	if s.Load || !s.Collect || s.Version != "2.1.0" || len(s.Attributes) != 4 {
		t.Errorf("schema %+v", s)
	}
	if a := s.Attributes["filters"]; !a.Cty.Equals(cty.Map(cty.List(cty.String))) || a.Required {
		t.Errorf("filters %+v", a)
	}
	if a := s.Attributes["endpoint"]; !a.Required || a.Description != "API base URL" {
		t.Errorf("endpoint %+v", a)
	}

	_, reported, err = decodeSchema([]byte(`{"protocol": 1, "error": {"summary": "Missing dependency", "detail": "install the aws CLI"}}`))
	if err != nil || !reflect.DeepEqual(reported, &Error{Summary: "Missing dependency", Detail: "install the aws CLI"}) {
		t.Errorf("error response: %#v, %v", reported, err)
	}

	tests := []struct{ name, out, detail string }{
		{"no attributes", `{"protocol": 1, "modes": ["load"]}`, `line 1, column 1 of its standard output: the response has no "attributes" member; write "attributes": {} for a provider block without attributes (see the plug-in protocol)`},
		{"no modes", `{"protocol": 1, "attributes": {}}`, `line 1, column 1 of its standard output: the response has no "modes" member; write "modes": ["load"], ["collect"] or ["load", "collect"] (see the plug-in protocol)`},
		{"no mode", `{"protocol": 1, "attributes": {}, "modes": []}`, `line 1, column 44 of its standard output: modes is empty; list "load", "collect" or both (see the plug-in protocol)`},
		{"unknown mode", `{"protocol": 1, "attributes": {}, "modes": ["load", "watch"]}`, `line 1, column 53 of its standard output: modes[1] "watch" is not a mode; the modes are "load" and "collect" (see the plug-in protocol)`},
		{"mode twice", `{"protocol": 1, "attributes": {}, "modes": ["load", "load"]}`, `line 1, column 53 of its standard output: modes[1] lists "load" twice (see the plug-in protocol)`},
		{"bad name", `{"protocol": 1, "attributes": {"api url": {"type": "string"}}, "modes": ["load"]}`, `line 1, column 43 of its standard output: attributes["api url"] "api url" is not a valid attribute name: use letters, digits, underscores and dashes, starting with a letter (see the plug-in protocol)`},
		{"reserved", `{"protocol": 1, "attributes": {"alias": {"type": "string"}}, "modes": ["load"]}`, `line 1, column 41 of its standard output: attributes["alias"] "alias" is an argument socle owns in every provider block (alias, max_age, expect); rename the attribute (see the plug-in protocol)`},
		{"no type", `{"protocol": 1, "attributes": {"a": {"required": true}}, "modes": ["load"]}`, `line 1, column 37 of its standard output: attributes["a"] has no "type" member; write one of "string", "number", "bool", "any", "list(T)" or "map(T)" (see the plug-in protocol)`},
		{"bad type", `{"protocol": 1, "attributes": {"a": {"type": "set(string)"}}, "modes": ["load"]}`, `line 1, column 46 of its standard output: attributes["a"].type "set(string)" is not a type; the types are string, number, bool, any, list(T) and map(T) (see the plug-in protocol)`},
		{"required string", `{"protocol": 1, "attributes": {"a": {"type": "string", "required": "yes"}}, "modes": ["load"]}`, `line 1, column 68 of its standard output: attributes["a"].required must be true or false, not a string (see the plug-in protocol)`},
		{"attributes array", `{"protocol": 1, "attributes": [], "modes": ["load"]}`, `line 1, column 31 of its standard output: attributes must be an object, not an array (see the plug-in protocol)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, reported, err := decodeSchema([]byte(tt.out))
			var e *Error
			if reported != nil || !errors.As(err, &e) || e.Summary != "Invalid response" || e.Detail != tt.detail {
				t.Errorf("decodeSchema = %v, %v\nwant %q", reported, err, tt.detail)
			}
		})
	}
}

func TestParseType(t *testing.T) {
	good := map[string]cty.Type{
		"string":                  cty.String,
		" number ":                cty.Number,
		"bool":                    cty.Bool,
		"any":                     cty.DynamicPseudoType,
		"list(string)":            cty.List(cty.String),
		"map(string)":             cty.Map(cty.String),
		"list (map(any))":         cty.List(cty.Map(cty.DynamicPseudoType)),
		"map(list(list(number)))": cty.Map(cty.List(cty.List(cty.Number))),
	}
	for s, want := range good {
		if got, err := parseType(s); err != nil || !got.Equals(want) {
			t.Errorf("parseType(%q) = %v, %v; want %v", s, got, err, want.FriendlyName())
		}
	}
	for _, s := range []string{"", "String", "integer", "list", "list()", "list(string", "list(string))", "map(string)x", "object({a=string})", "set(string)", "tuple([string])",
		strings.Repeat("list(", 9) + "string" + strings.Repeat(")", 9)} {
		if got, err := parseType(s); err == nil {
			t.Errorf("parseType(%q) = %v, want an error", s, got.FriendlyName())
		}
	}
	if _, err := parseType(strings.Repeat("list(", 8) + "string" + strings.Repeat(")", 8)); err != nil {
		t.Errorf("8 levels: %v", err)
	}
}

func TestTail(t *testing.T) {
	var tl tail
	for i := range 200 {
		tl.Write([]byte(strings.Repeat("x", 30) + "\n"))
		_ = i
	}
	tl.Write([]byte("last \x1b[31mred\x1b[0m line\r\n"))
	got := tl.String()
	lines := strings.Split(got, "\n")
	if lines[0] != "…" || len(lines) != stderrTailLines+1 || lines[len(lines)-1] != "last \uFFFD[31mred\uFFFD[0m line" {
		t.Errorf("tail %q", got)
	}

	var short tail
	short.Write([]byte("one\ntwo\n\n"))
	if got := short.String(); got != "one\ntwo" {
		t.Errorf("tail %q", got)
	}

	var cut tail
	cut.Write([]byte(strings.Repeat("é", stderrTail))) // no newline: a cut character
	if got := cut.String(); !strings.HasPrefix(got, "…\né") {
		t.Errorf("tail starts %q", got[:10])
	}
}
