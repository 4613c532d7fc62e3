package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDocs: socle docs writes the review pack whole into a new directory,
// replaces a pack it wrote before, refuses a directory holding other files,
// and refuses --since outside a git repository with exit 2.
func TestDocs(t *testing.T) {
	dir := policyRepo(t, "")
	out := filepath.Join(t.TempDir(), "pack")
	r := socleEnv(t, dir, nil, "docs", ".", "--output", out)
	if r.code != 0 || !strings.Contains(r.stderr, "Wrote the review pack to ") {
		t.Fatalf("docs: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, f := range []string{"index.html", "matrix.html", ".socle-docs"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("docs wrote no %s: %v", f, err)
		}
	}
	controls, _ := filepath.Glob(filepath.Join(out, "controls", "*.html"))
	if len(controls) == 0 {
		t.Error("docs wrote no control page")
	}
	// Again, in Markdown: the previous pack is replaced whole.
	if r := socleEnv(t, dir, nil, "docs", ".", "--output", out, "--format", "markdown"); r.code != 0 {
		t.Fatalf("docs --format markdown: exit %d\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err == nil {
		t.Error("the HTML pack was not replaced")
	}
	if _, err := os.Stat(filepath.Join(out, "index.md")); err != nil {
		t.Error(err)
	}
	// A directory with other files is not replaced.
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644)
	if r := socleEnv(t, dir, nil, "docs", ".", "--output", other); r.code != 2 || !strings.Contains(r.stderr, "holds other files") {
		t.Errorf("docs into a directory of other files: exit %d\n%s", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(other, "notes.txt")); string(b) != "mine" {
		t.Error("docs touched a directory it should have refused")
	}
	for _, args := range [][]string{
		{"docs", "."},
		{"docs", ".", "--output", filepath.Join(t.TempDir(), "x"), "--format", "pdf"},
		{"docs", ".", "--output", filepath.Join(t.TempDir(), "y"), "--since", "HEAD~1"},
	} {
		if r := socleEnv(t, dir, []string{"GIT_CEILING_DIRECTORIES=" + filepath.Dir(dir)}, args...); r.code != 2 {
			t.Errorf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
	}
}
