package evaluator_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/socle-dev/socle/evaluator"
)

// A symbolic link inside the repository that points outside it cannot be read
// through: not by file(), and not as a provider snapshot.
func TestSymlinksCannotLeaveTheRepository(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.json")
	writeFile(t, outside, []byte(`[{"id": "leaked"}]`))
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "policies", "p.rego"), []byte("package p\n\nresources contains x.id if some x in input.file.content\n"))
	if err := os.Symlink(outside, filepath.Join(dir, "snap.json")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "main.hcl"), []byte(`
objective "a" {
  ref   = "CO-1"
  title = "A ${file("snap.json")}"
}
provider "file" {
  snapshot = "snap.json"
}
control "c" {
  objective = objective.a
  title     = "C"
  policy    = "p"
  providers = [file]
}
`))
	_, diags := evaluator.Load(evaluator.Options{Dir: dir, Environ: func() []string { return nil }})
	var msgs []string
	for _, d := range diags {
		msgs = append(msgs, d.Summary+": "+d.Detail)
	}
	all := strings.Join(msgs, "\n")
	if !strings.Contains(all, "snap.json") || strings.Contains(all, "leaked") {
		t.Errorf("file() through a symlink out of the repository: %s", all)
	}

	// As a snapshot: the control errors, and the content is never read.
	writeFile(t, filepath.Join(dir, "main.hcl"), []byte(`
objective "a" {
  ref   = "CO-1"
  title = "A"
}
provider "file" {
  snapshot = "snap.json"
}
control "c" {
  objective = objective.a
  title     = "C"
  policy    = "p"
  providers = [file]
}
`))
	doc, _ := evaluate(t, dir, evaluator.EvalOptions{})
	r := doc.Results[0]
	if r.Status != "error" || strings.Contains(deref(r.Error), "leaked") {
		t.Errorf("snapshot through a symlink out of the repository: %s %s", r.Status, deref(r.Error))
	}
}
