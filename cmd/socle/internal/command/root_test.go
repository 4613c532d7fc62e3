package command

import (
	"bytes"
	"os"
	"slices"
	"testing"
)

func TestNormalizeArgs(t *testing.T) {
	got := normalizeArgs([]string{"eval", "-var", "a=b", "-var-file=x.vars", "-format", "json", "-o", "f", "--control", "c", "--", "-var"})
	want := []string{"eval", "--var", "a=b", "--var-file=x.vars", "--format", "json", "-o", "f", "--control", "c", "--", "-var"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestColourOnlyOnTerminalWithoutNoColor(t *testing.T) {
	var buf bytes.Buffer
	if colorFor(&buf, false) {
		t.Error("colour for a buffer")
	}
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if colorFor(f, false) {
		t.Error("colour for a regular file")
	}
	tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0)
	if err != nil {
		return // no controlling terminal here: nothing more to check
	}
	defer tty.Close()
	t.Setenv("NO_COLOR", "")
	os.Unsetenv("NO_COLOR")
	if !colorFor(tty, false) {
		t.Error("no colour on a terminal")
	}
	if colorFor(tty, true) {
		t.Error("colour with --no-color")
	}
	t.Setenv("NO_COLOR", "1")
	if colorFor(tty, false) {
		t.Error("colour with NO_COLOR set")
	}
}
