package evaluator_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/result"
)

// conftestEntry is one element of `conftest test --output json`.
type conftestEntry struct {
	Filename   string            `json:"filename"`
	Failures   []json.RawMessage `json:"failures"`
	Warnings   []json.RawMessage `json:"warnings"`
	Exceptions []json.RawMessage `json:"exceptions"`
}

// TestConftestParity evaluates a conftest policy library unchanged
// (policy_style = "conftest") and compares each file's failure and warning
// counts with conftest's own verdicts on the same files, committed in
// testdata/conftest/conftest-verdicts.json by scripts/conftest-verdicts.sh.
func TestConftestParity(t *testing.T) {
	raw, err := os.ReadFile("../testdata/conftest/conftest-verdicts.json")
	if err != nil {
		t.Fatal(err)
	}
	var entries []conftestEntry
	if err := json.Unmarshal(raw, &entries); err != nil {
		t.Fatal(err)
	}
	want := map[string][2]int{}
	for _, e := range entries {
		c := want[e.Filename]
		want[e.Filename] = [2]int{c[0] + len(e.Failures), c[1] + len(e.Warnings)}
	}

	doc, _ := evaluate(t, "../testdata/conftest", evaluator.EvalOptions{})
	if len(doc.Results) != 1 {
		t.Fatalf("%d results", len(doc.Results))
	}
	r := doc.Results[0]
	got := map[string][2]int{}
	for _, f := range r.Findings {
		c := got[f.Resource]
		got[f.Resource] = [2]int{c[0] + 1, c[1]}
	}
	for _, f := range r.Warnings {
		c := got[f.Resource]
		got[f.Resource] = [2]int{c[0], c[1] + 1}
	}
	for file, w := range want {
		if got[file] != w {
			t.Errorf("%s: socle %d failures, %d warnings; conftest %d, %d", file, got[file][0], got[file][1], w[0], w[1])
		}
	}
	for file, g := range got {
		if _, ok := want[file]; !ok && g != [2]int{} {
			t.Errorf("%s: socle reports %v; conftest nothing", file, g)
		}
	}
	if r.Policy.Style != "conftest" {
		t.Errorf("policy style %q, want conftest (reperformance reads it)", r.Policy.Style)
	}
	if r.Status != result.StatusFail || *r.Population != len(want) {
		t.Errorf("status %s, population %d (conftest examined %d files)", r.Status, *r.Population, len(want))
	}
}

// A conftest-style control has one time limit for the whole target, however
// many documents its files hold.
func TestConftestTimeLimit(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir+"/main.hcl", []byte(`
objective "a" {
  ref   = "CO-1"
  title = "A"
}
provider "file" {
  snapshot = "docs"
}
control "slow" {
  objective    = objective.a
  title        = "Slow"
  policy       = "slow"
  policy_style = "conftest"
  providers    = [file]
}
`))
	writeFile(t, dir+"/docs/a.json", []byte(`{"kind": "x"}`))
	writeFile(t, dir+"/docs/b.json", []byte(`{"kind": "y"}`))
	writeFile(t, dir+"/policies/slow.rego", []byte(`package slow

deny contains "impossible" if {
	some a in numbers.range(1, 5000)
	some b in numbers.range(1, 5000)
	some c in numbers.range(1, 5000)
	a + b + c < 0
}
`))
	start := time.Now()
	doc, _ := evaluate(t, dir, evaluator.EvalOptions{Timeout: 300 * time.Millisecond})
	r := doc.Results[0]
	if r.Status != result.StatusError || !strings.Contains(deref(r.Error), "did not finish within the time limit of 300ms") {
		t.Errorf("status %s, error %q", r.Status, deref(r.Error))
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %s for a 300ms limit", d)
	}
}
