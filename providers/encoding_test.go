package providers

import (
	"errors"
	"strings"
	"testing"
)

func TestTrimBOMRefusesInvalidUTF8(t *testing.T) {
	for _, tt := range []struct {
		name, data string
		line, col  int
	}{
		{"Latin-1 in JSON", "[\n  {\"id\": \"caf\xe9\"}\n]\n", 2, 14},
		{"after a BOM", "\xEF\xBB\xBF\xff", 1, 1},
		{"truncated sequence at the end", "ok \xe2\x82", 1, 4},
		{"after multi-byte characters", "ünï\xfe", 1, 4},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := TrimBOM("dir/a.json", []byte(tt.data))
			var se *SourceError
			if !errors.As(err, &se) {
				t.Fatalf("TrimBOM = %v, want a *SourceError", err)
			}
			if se.File != "dir/a.json" || se.Line != tt.line || se.Column != tt.col || se.Summary != "Unsupported text encoding" || !strings.Contains(se.Detail, "not valid UTF-8") {
				t.Errorf("got %#v, want dir/a.json:%d:%d", se, tt.line, tt.col)
			}
		})
	}
	// Valid UTF-8, a BOM and all, loads.
	if got, err := TrimBOM("a.json", []byte("\xEF\xBB\xBF\"ünïcode 😀\"")); err != nil || string(got) != "\"ünïcode 😀\"" {
		t.Errorf("TrimBOM(valid UTF-8) = %q, %v", got, err)
	}
}
