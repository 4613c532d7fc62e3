package providers

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestLineColumn(t *testing.T) {
	data := []byte("ab\nçé x\n")
	tests := []struct{ offset, line, col int }{
		{0, 1, 1},
		{2, 1, 3},
		{3, 2, 1},
		{8, 2, 4}, // "x": after two 2-byte runes and a space
		{100, 3, 1},
		{-1, 1, 1},
	}
	for _, tt := range tests {
		if l, c := LineColumn(data, tt.offset); l != tt.line || c != tt.col {
			t.Errorf("LineColumn(%d) = %d:%d, want %d:%d", tt.offset, l, c, tt.line, tt.col)
		}
	}
}

func TestDecodeJSON(t *testing.T) {
	v, err := DecodeJSON("a.json", []byte(`{"n": 12345678901234567890, "f": 1.50, "l": [true, null, "s"]}`))
	if err != nil {
		t.Fatal(err)
	}
	m := v.(map[string]any)
	if m["n"] != json.Number("12345678901234567890") || m["f"] != json.Number("1.50") {
		t.Errorf("numbers not kept as written: %#v", m)
	}

	tests := []struct {
		name, in   string
		line, col  int
		wantDetail string
	}{
		{"empty", "", 1, 1, "the file is empty; a JSON file must hold one value (an object, an array, …)"},
		{"blank", " \n\n", 1, 1, "the file is empty; a JSON file must hold one value (an object, an array, …)"},
		{"bad value", "{\n  \"a\": x\n}", 2, 8, "invalid character 'x' looking for beginning of value"},
		{"missing comma", "[1,\n 2\n 3]", 3, 2, "invalid character '3' after array element"},
		{"truncated", "{\"a\": [1,\n 2", 2, 3, "unexpected end of file: the JSON value is incomplete (is the file truncated?)"},
		{"truncated string", "{\"a\": \"abc", 1, 11, "unexpected end of file: the JSON value is incomplete (is the file truncated?)"},
		{"trailing", "{}\n{}", 2, 1, "invalid character '{' after top-level value"},
		{"unicode column", "{\"é\": é}", 1, 7, "invalid character 'Ã' looking for beginning of value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeJSON("dir/a.json", []byte(tt.in))
			var se *SourceError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not a *SourceError", err)
			}
			if se.File != "dir/a.json" || se.Line != tt.line || se.Column != tt.col || se.Summary != "Invalid JSON" || se.Detail != tt.wantDetail {
				t.Errorf("got %#v, want dir/a.json:%d:%d %q", se, tt.line, tt.col, tt.wantDetail)
			}
		})
	}
}

func TestTrimBOM(t *testing.T) {
	got, err := TrimBOM("a.csv", []byte("\xEF\xBB\xBFa,b\n"))
	if err != nil || string(got) != "a,b\n" {
		t.Errorf("TrimBOM(UTF-8 BOM) = %q, %v", got, err)
	}
	_, err = TrimBOM("a.json", []byte("\xFF\xFE{\x00"))
	var se *SourceError
	if !errors.As(err, &se) || se.Summary != "Unsupported text encoding" {
		t.Errorf("TrimBOM(UTF-16) = %v, want an Unsupported text encoding error", err)
	}
}
