package providers

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/socle-dev/socle/internal/corpus"
)

// stdDecode is what decodeFast must agree with: encoding/json's Decoder with
// UseNumber, over input json.Valid accepts.
func stdDecode(data []byte) (any, bool) {
	if !json.Valid(data) {
		return nil, false
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, false
	}
	return v, true
}

var jsonSeeds = []string{
	`{"n": 12345678901234567890, "f": 1.50, "e": -0.5e+10, "z": 0, "l": [true, null, "s", false, {}, []]}`,
	`  [ ]  `, `{ }`, `"x"`, `-0`, `1E5`, `null`, `true`,
	`{"a": 1, "a": 2}`,
	`"esc \" \\ \/ \b \f \n \r \t \u00e9 \u2028 \ud83d\ude00"`,
	`"lone \ud800 x \udc00 y \ud800\u0041 z"`, // invalid surrogates: U+FFFD
	"\"bad utf-8 \xff\xfe here\"",
	`"é ü 日本 😀"`,
	`{"a":[1,2,{"b":[{"c":"d"}]}]}`, `{"b": {"a": {"a": 1, "x": "\u00e9"}, "c": [{"a": null}]}, "a": 1e3}`,
	// Malformed: each must be refused.
	``, ` `, `{`, `[1,]`, `{"a":1,}`, `{"a" 1}`, `{a:1}`, `01`, `1.`, `.5`, `-`, `1e`, `+1`,
	`tru`, `nul`, `"abc`, "\"ctl \x01\"", `"\x"`, `"\u12"`, `"\u12g4"`, `[1 2]`, `{} {}`, `[1]x`,
	`{"a":1}}`, `]`,
}

func TestDecodeFastAgreesWithEncodingJSON(t *testing.T) {
	deep := strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1)
	for _, in := range append(jsonSeeds, deep, strings.Repeat("[", maxDepth)+strings.Repeat("]", maxDepth)) {
		got, gotOK := decodeFast([]byte(in), nil)
		want, wantOK := stdDecode([]byte(in))
		name := in
		if len(name) > 40 {
			name = name[:40] + "…"
		}
		if gotOK != wantOK {
			t.Errorf("%q: ok = %v, encoding/json says %v", name, gotOK, wantOK)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %#v, want %#v", name, got, want)
		}
	}
}

func TestDecodeFastPlan(t *testing.T) {
	data := corpus.TerraformPlan(300, 7)
	got, ok := decodeFast(data, nil)
	want, wantOK := stdDecode(data)
	if !ok || !wantOK || !reflect.DeepEqual(got, want) {
		t.Fatalf("the generated plan decodes differently (ok %v, %v)", ok, wantOK)
	}
}

func FuzzDecodeJSON(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, gotOK := decodeFast(data, nil)
		want, wantOK := stdDecode(data)
		if gotOK != wantOK {
			t.Fatalf("ok = %v, encoding/json says %v", gotOK, wantOK)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("got %#v, want %#v", got, want)
		}
		if _, err := DecodeJSON("f.json", data); (err == nil) != wantOK {
			t.Fatalf("DecodeJSON error %v, encoding/json ok %v", err, wantOK)
		}
		// Split between the cores, as a large document is: the same tree,
		// the same verdict.
		if par, parOK, tried := decodeParallel(data, nil, nil); tried {
			if parOK != wantOK || !reflect.DeepEqual(par, want) {
				t.Fatalf("in parallel: got %#v (%v), want %#v (%v)", par, parOK, want, wantOK)
			}
		}
		if par, parOK, tried := decodeParallel(data, func(path []string, _ func(string) any) bool { return path[len(path)-1] == "a" }, nil); tried {
			if parOK != wantOK || !reflect.DeepEqual(par, withoutA(copyJSON(want))) {
				t.Fatalf("in parallel, skipping: got %#v (%v), want %#v (%v)", par, parOK, withoutA(copyJSON(want)), wantOK)
			}
		}
		// Members named "b" kept raw: the same verdict, and each raw member
		// decodes to what it would have been.
		isB := func(path []string, _ func(string) any) bool { return path[len(path)-1] == "b" }
		raw, rawOK := decodeFastRaw(data, nil, isB)
		if rawOK != wantOK {
			t.Fatalf("raw: ok = %v, encoding/json says %v", rawOK, wantOK)
		}
		if rawOK && !reflect.DeepEqual(resolveRaw(t, raw), want) {
			t.Fatalf("raw: got %#v, want %#v", resolveRaw(t, raw), want)
		}
		if par, parOK, tried := decodeParallel(data, nil, isB); tried && (parOK != wantOK || parOK && !reflect.DeepEqual(resolveRaw(t, par), want)) {
			t.Fatalf("raw in parallel: got %#v (%v), want %#v (%v)", par, parOK, want, wantOK)
		}
		// Skipping: the same tree without the members named "a", the same
		// verdict on well-formedness.
		skipped, skippedOK := decodeFast(data, func(path []string, _ func(string) any) bool { return path[len(path)-1] == "a" })
		if skippedOK != wantOK {
			t.Fatalf("skipping: ok = %v, encoding/json says %v", skippedOK, wantOK)
		}
		if !reflect.DeepEqual(skipped, withoutA(want)) {
			t.Fatalf("skipping: got %#v, want %#v", skipped, withoutA(want))
		}
	})
}

// withoutA removes the members named "a" from every object of v.
func withoutA(v any) any {
	switch x := v.(type) {
	case map[string]any:
		delete(x, "a")
		for k, e := range x {
			x[k] = withoutA(e)
		}
	case []any:
		for i, e := range x {
			x[i] = withoutA(e)
		}
	}
	return v
}

func TestDecodeSkipping(t *testing.T) {
	for _, in := range jsonSeeds {
		got, gotOK := decodeFast([]byte(in), func(path []string, _ func(string) any) bool { return path[len(path)-1] == "a" })
		want, wantOK := stdDecode([]byte(in))
		if gotOK != wantOK || !reflect.DeepEqual(got, withoutA(want)) {
			t.Errorf("%q: got %#v (%v), want %#v (%v)", in, got, gotOK, withoutA(want), wantOK)
		}
	}
	// The members read before a member are visible to the decision.
	v, err := DecodeJSONSkipping("x.json", []byte(`[{"mode": "managed", "values": {"x": 1}}, {"mode": "data", "values": {"x": 2}}]`),
		func(path []string, before func(string) any) bool {
			return path[len(path)-1] == "values" && before("mode") == "managed"
		})
	if err != nil {
		t.Fatal(err)
	}
	want := []any{map[string]any{"mode": "managed"}, map[string]any{"mode": "data", "values": map[string]any{"x": json.Number("2")}}}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("got %#v", v)
	}
	// A malformed skipped member is an error with its position.
	if _, err := DecodeJSONSkipping("x.json", []byte(`{"a": [1, 2,], "b": 1}`), func(path []string, _ func(string) any) bool { return true }); err == nil {
		t.Error("a malformed skipped member was accepted")
	}
}

// BenchmarkDecodeJSON decodes a generated 10,000-resource Terraform plan
// (about 33 MB; 1,000 with -short): DecodeJSON against encoding/json's
// decoder it replaces.
func BenchmarkDecodeJSON(b *testing.B) {
	n := 10000
	if testing.Short() {
		n = 1000
	}
	data := corpus.TerraformPlan(n, 1)
	b.Run("socle", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := DecodeJSON("plan.json", data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, ok := stdDecode(data); !ok {
				b.Fatal("invalid")
			}
		}
	})
	// The first pass of a parallel decode: where each top-level member ends.
	b.Run("scan", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			p := parser{data: data}
			if !p.skipStructure() || p.pos != len(bytes.TrimSpace(data)) {
				b.Fatal("the plan does not scan")
			}
		}
	})
}

// copyJSON copies a decoded tree (withoutA changes its argument).
func copyJSON(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = copyJSON(e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = copyJSON(e)
		}
		return l
	}
	return v
}

// A plan's top-level members decoded side by side give the tree the single
// pass gives, with and without members skipped.
func TestDecodeParallelPlan(t *testing.T) {
	data := corpus.TerraformPlan(300, 4)
	skip := func(path []string, before func(string) any) bool {
		return len(path) == 4 && path[0] == "resource_changes" && path[3] == "after" ||
			len(path) >= 2 && path[len(path)-1] == "values" && before("mode") == "managed"
	}
	for _, sk := range []SkipFunc{nil, skip} {
		want, ok := decodeFast(data, sk) // under parallelAt: one pass
		if !ok {
			t.Fatal("the plan does not decode")
		}
		got, ok, tried := decodeParallel(data, sk, nil)
		if !tried || !ok {
			t.Fatalf("tried %v, ok %v", tried, ok)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatal("decoded side by side, the plan differs")
		}
	}
	for _, bad := range []string{`{"a": 1, "b": [1, 2}`, `{"a": 1, "b": 2,}`, `{"a": 1, "b": 2} x`, `{"a": 1 "b": 2}`, `{"a": 1, "b": "\x"}`} {
		if _, ok, tried := decodeParallel([]byte(bad), nil, nil); !tried || ok {
			t.Errorf("%s: tried %v, ok %v; want a failure", bad, tried, ok)
		}
	}
}

// resolveRaw decodes the RawJSON members of v with encoding/json.
func resolveRaw(t *testing.T, v any) any {
	switch x := v.(type) {
	case RawJSON:
		d, ok := stdDecode(x)
		if !ok {
			t.Fatalf("a raw member is not JSON: %s", x)
		}
		return d
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = resolveRaw(t, e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = resolveRaw(t, e)
		}
		return l
	}
	return v
}
