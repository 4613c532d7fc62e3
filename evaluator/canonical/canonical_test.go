package canonical

import (
	"bytes"
	"encoding/json"
	"testing"
)

// The canonical writer must produce exactly what encoding/json produces with
// sorted keys and HTML escaping off, so anyone can recompute an input hash.
func TestCanonicalMatchesEncodingJSON(t *testing.T) {
	docs := []any{
		map[string]any{"b": json.Number("1.50"), "a": []any{nil, true, false, "x"}, "é": map[string]any{}},
		"quote\" backslash\\ nl\n cr\r tab\t ctl\x01\x1f html<>& ls\u2028 ps\u2029 bad\xff ok ünïcode 😀",
		[]any{1.5, 3, int64(-7), 1e21, map[string]any{"z": "", "": "empty key"}},
	}
	for _, d := range docs {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(d); err != nil {
			t.Fatal(err)
		}
		got, err := Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		if string(got)+"\n" != want.String() {
			t.Errorf("got  %s\nwant %s", got, want.String())
		}
	}
	if _, err := SHA256(map[string]any{"x": struct{}{}}); err == nil {
		t.Error("a non-JSON value was hashed")
	}
}
