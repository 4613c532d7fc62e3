package command

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCLIReferenceUpToDate fails when docs/cli is not what the commands
// generate: CI runs it, so a changed flag or help text must come with its
// regenerated reference (go generate ./cmd/socle).
func TestCLIReferenceUpToDate(t *testing.T) {
	got := t.TempDir()
	if err := GenerateMarkdown(got); err != nil {
		t.Fatal(err)
	}
	want := filepath.Join("..", "..", "..", "..", "docs", "cli")
	gotFiles, wantFiles := mdFiles(t, got), mdFiles(t, want)
	if !slices.Equal(gotFiles, wantFiles) {
		t.Fatalf("docs/cli is out of date (run go generate ./cmd/socle):\ngenerated %q\ncommitted %q", gotFiles, wantFiles)
	}
	for _, name := range gotFiles {
		g, _ := os.ReadFile(filepath.Join(got, name))
		w, _ := os.ReadFile(filepath.Join(want, name))
		if !bytes.Equal(g, w) {
			t.Errorf("docs/cli/%s is out of date (run go generate ./cmd/socle)", name)
		}
	}
	// Every command is documented, hidden ones (__complete) are not.
	for _, name := range []string{"socle.md", "socle_eval.md", "socle_explain.md", "socle_completion_bash.md", "socle_evidence_verify.md"} {
		if !slices.Contains(gotFiles, name) {
			t.Errorf("no %s in the reference", name)
		}
	}
	for _, name := range gotFiles {
		if strings.Contains(name, "__") {
			t.Errorf("hidden command documented: %s", name)
		}
	}
}

func mdFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".md") {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestManPages(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "socle-gone.1"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := GenerateMan(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "socle-gone.1")); err == nil {
		t.Error("a page of a command that no longer exists was left behind")
	}
	for _, name := range []string{"socle.1", "socle-eval.1", "socle-evidence-verify.1", "socle-completion-zsh.1"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Error(err)
			continue
		}
		if !bytes.Contains(b, []byte(`.TH "SOCLE" "1"`)) || !bytes.Contains(b, []byte(".SH SYNOPSIS")) {
			t.Errorf("%s is not a man page:\n%.300s", name, b)
		}
	}
}
