package evaluator_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/socle-dev/socle/evaluator"
)

// KeepInputs makes the document carry what the run used: each input document's
// canonical JSON under the hash the results name, and each policy package's
// modules under the package hash; the JSON document does not change.
func TestKeepInputs(t *testing.T) {
	plain, _ := evaluate(t, "testdata/valid/inputs", evaluator.EvalOptions{})
	doc, _ := evaluate(t, "testdata/valid/inputs", evaluator.EvalOptions{KeepInputs: true})
	if plain.Used != nil {
		t.Error("Used is set without KeepInputs")
	}
	if doc.Used == nil {
		t.Fatal("Used is nil with KeepInputs")
	}
	a, _ := json.Marshal(plain)
	b, _ := json.Marshal(doc)
	if !bytes.Equal(a, b) {
		t.Errorf("KeepInputs changed the JSON document:\n%s\n%s", a, b)
	}
	hash := func(b []byte) string {
		sum := sha256.Sum256(b)
		return hex.EncodeToString(sum[:])
	}
	inputs, policies := 0, 0
	for _, r := range doc.Results {
		for key, sum := range r.InputSHA256 {
			data, ok := doc.Used.Inputs[sum]
			if !ok {
				t.Errorf("%s %s: input %s (%s) not kept", r.Control.Label, r.Target, key, sum)
				continue
			}
			if hash(data) != sum || !json.Valid(data) {
				t.Errorf("%s: the input kept as %s hashes to %s", r.Control.Label, sum, hash(data))
			}
			inputs++
		}
		if r.Policy.SHA256 == "" {
			continue
		}
		mods, ok := doc.Used.Policies[r.Policy.SHA256]
		if !ok || len(mods) == 0 {
			t.Errorf("%s: policy %s (%s) not kept", r.Control.Label, r.Policy.Package, r.Policy.SHA256)
			continue
		}
		set := sha256.New()
		for _, m := range mods {
			if hash(m.Source) != m.SHA256 {
				t.Errorf("module %s: source hashes to %s, not %s", m.Path, hash(m.Source), m.SHA256)
			}
			fmt.Fprintf(set, "%s  %s\n", m.SHA256, m.Path)
		}
		if got := hex.EncodeToString(set.Sum(nil)); got != r.Policy.SHA256 {
			t.Errorf("%s: the modules kept hash to %s, the result says %s", r.Policy.Package, got, r.Policy.SHA256)
		}
		policies++
	}
	if inputs == 0 || policies == 0 {
		t.Errorf("the fixture exercised %d inputs and %d policies", inputs, policies)
	}
}
