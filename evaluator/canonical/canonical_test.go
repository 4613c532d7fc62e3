package canonical

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
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
		if got, want := marshal(t, d), encodingJSON(t, d); got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	}
	if _, err := SHA256(map[string]any{"x": struct{}{}}); err == nil {
		t.Error("a non-JSON value was hashed")
	}
}

// encodingJSON is what encoding/json writes for v with HTML escaping off,
// without its trailing newline.
func encodingJSON(t *testing.T, v any) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func marshal(t *testing.T, v any) string {
	t.Helper()
	b, err := Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// FuzzCanonical: any JSON document, decoded as socle's decoders decode (numbers
// as written), is written exactly as encoding/json writes it.
func FuzzCanonical(f *testing.F) {
	f.Add([]byte(`{"b": 1.50, "a": [null, true, "x\"y\\z\u0001\u2028é"], "": {}}`))
	f.Add([]byte(`"abcdefghijklmnop\u001fqrstuvwxyz0123456789"`))
	f.Add([]byte(`["<html>&amp;", "\ud83d\ude00 ok", "12345678\"12345678\\"]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) != nil {
			return
		}
		if got, want := marshal(t, v), encodingJSON(t, v); got != want {
			t.Fatalf("got  %s\nwant %s", got, want)
		}
	})
}

// plain finds the first byte that a JSON string escapes, at every offset of
// an 8-byte word.
func TestPlain(t *testing.T) {
	for _, c := range []byte{0x00, 0x1f, '"', '\\', 0x80, 0xff} {
		for n := range 20 {
			s := strings.Repeat("a", n) + string([]byte{c}) + "bcdefghijk"
			if got := plain(s); got != n {
				t.Errorf("plain(%q) = %d, want %d", s, got, n)
			}
		}
	}
	for _, s := range []string{"", " ~ !#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}", strings.Repeat("x", 17)} {
		if got := plain(s); got != len(s) {
			t.Errorf("plain(%q) = %d, want %d", s, got, len(s))
		}
	}
}

// FuzzRepeats: a document whose maps repeat, written with the repeats known
// (however wrong the counts), gives the bytes Write gives.
func FuzzRepeats(f *testing.F) {
	f.Add([]byte(`{"a": {"b": {"c": 1}, "d": [{"e": "x"}]}}`), uint8(1))
	f.Add([]byte(`[{"k": "v"}, {"k": {"n": null}}]`), uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, wrong uint8) {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) != nil {
			return
		}
		// The same maps, three times over, as providers share them.
		doc := map[string]any{"list": []any{v, v}, "index": map[string]any{"x": v}, "v": v}
		repeats := map[*map[string]any]int{}
		var count func(any)
		count = func(x any) {
			switch x := x.(type) {
			case map[string]any:
				repeats[MapID(x)] += int(wrong % 3) // 0: none known; 2: more than there are
				for _, e := range x {
					count(e)
				}
			case []any:
				for _, e := range x {
					count(e)
				}
			}
		}
		count(v)
		want, err := Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := WriteRepeats(&got, doc, repeats); err != nil {
			t.Fatal(err)
		}
		if got.String() != string(want) {
			t.Fatalf("with repeats:\n%s\nwithout:\n%s", got.String(), want)
		}
	})
}

// A repeated map larger than the buffer is written each time, not kept.
func TestRepeatsLargeMap(t *testing.T) {
	big := map[string]any{}
	for i := range 20000 {
		big[strings.Repeat("k", 10)+string(rune('a'+i%26))+strconv.Itoa(i)] = strings.Repeat("v", 200)
	}
	doc := []any{big, big, big}
	want, _ := Marshal(doc)
	var got bytes.Buffer
	if err := WriteRepeats(&got, doc, map[*map[string]any]int{MapID(big): 2}); err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Fatal("a large repeated map is written differently")
	}
}
