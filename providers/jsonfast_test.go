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
	`{"a":[1,2,{"b":[{"c":"d"}]}]}`,
	// Malformed: each must be refused.
	``, ` `, `{`, `[1,]`, `{"a":1,}`, `{"a" 1}`, `{a:1}`, `01`, `1.`, `.5`, `-`, `1e`, `+1`,
	`tru`, `nul`, `"abc`, "\"ctl \x01\"", `"\x"`, `"\u12"`, `"\u12g4"`, `[1 2]`, `{} {}`, `[1]x`,
	`{"a":1}}`, `]`,
}

func TestDecodeFastAgreesWithEncodingJSON(t *testing.T) {
	deep := strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1)
	for _, in := range append(jsonSeeds, deep, strings.Repeat("[", maxDepth)+strings.Repeat("]", maxDepth)) {
		got, gotOK := decodeFast([]byte(in))
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
	got, ok := decodeFast(data)
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
		got, gotOK := decodeFast(data)
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
	})
}

// BenchmarkDecodeJSON decodes a generated 10,000-resource Terraform plan
// (about 26 MB): DecodeJSON against encoding/json's decoder it replaces.
func BenchmarkDecodeJSON(b *testing.B) {
	data := corpus.TerraformPlan(10000, 1)
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
}
