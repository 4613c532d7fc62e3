package evaluator_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/result"
)

// TestNotTestedSaysWhy: every not_tested result carries a reason, and the
// reason tells an empty input from a policy that matched nothing in a full one.
func TestNotTestedSaysWhy(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"main.hcl": `
objective "o" {
  ref   = "CO-1"
  title = "O"
}
provider "file" {
  alias    = "full"
  snapshot = "users.json"
}
provider "file" {
  alias    = "empty"
  snapshot = "none.json"
}
control "wrong_shape" {
  ref       = "1"
  objective = objective.o
  title     = "Reads a field the input does not have"
  policy    = "t.p"
  providers = [file.full]
}
control "empty_input" {
  ref       = "2"
  objective = objective.o
  title     = "Reads an empty export"
  policy    = "t.p"
  providers = [file.empty]
}
control "manual" {
  ref       = "3"
  objective = objective.o
  title     = "Reviewed by hand"
  automated = false
  frequency = "quarterly"
}
control "examines" {
  ref       = "4"
  objective = objective.o
  title     = "Examines the users"
  policy    = "t.q"
  providers = [file.full]
}
`,
		"users.json":      `{"users": [{"login": "ann"}]}`,
		"none.json":       `[]`,
		"policies/p.rego": "package t.p\n\nresources contains a.id if some a in input.file.content.accounts\n",
		"policies/q.rego": "package t.q\n\nresources contains u.login if some u in input.file.content.users\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	doc, _ := evaluate(t, dir, evaluator.EvalOptions{})
	for label, want := range map[string]string{
		"wrong_shape": evaluator.ReasonEmptyPopulation,
		"empty_input": "empty input: file.empty holds no items",
		"manual":      "no evidence: no file dated within the current quarterly occurrence",
	} {
		r := resultFor(t, doc, label)
		if r.Status != result.StatusNotTested {
			t.Errorf("%s: status %s, want not_tested", label, r.Status)
		}
		if !strings.HasPrefix(r.Reason, want) {
			t.Errorf("%s: reason %q, want it to start %q", label, r.Reason, want)
		}
	}
	if r := resultFor(t, doc, "examines"); r.Status != result.StatusPass || r.Reason != "" {
		t.Errorf("examines: status %s, reason %q: a result that operated has no reason", r.Status, r.Reason)
	}
}
