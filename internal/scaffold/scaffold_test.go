package scaffold

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
)

var tree = fstest.MapFS{
	"socle.hcl":                   {Data: []byte("socle {}\n")},
	".gitignore":                  {Data: []byte(".socle/\n")},
	"policies/access/mfa.rego":    {Data: []byte("package a\n")},
	".github/workflows/socle.yml": {Data: []byte("name: socle\n")},
}

// files lists every file under dir, slash-separated.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func TestWriteIntoANewDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "repo")
	written, err := Write(dir, tree)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{".github/workflows/socle.yml", ".gitignore", "policies/access/mfa.rego", "socle.hcl"}
	if !slices.Equal(written, want) || !slices.Equal(files(t, dir), want) {
		t.Errorf("wrote %v, the directory holds %v; want %v", written, files(t, dir), want)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "policies/access/mfa.rego")); string(b) != "package a\n" {
		t.Errorf("content %q", b)
	}
}

func TestWriteBesideOtherFiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	os.Mkdir(filepath.Join(dir, "policies"), 0o755)
	if _, err := Write(dir, tree); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "mine" {
		t.Error("an unrelated file was changed")
	}
}

func TestWriteRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "socle.hcl"), []byte("mine"), 0o644)
	os.WriteFile(filepath.Join(dir, ".github"), []byte("a file where a directory goes"), 0o644)
	os.Mkdir(filepath.Join(dir, "policies"), 0o755)
	os.Symlink("nowhere", filepath.Join(dir, "policies", "access"))
	_, err := Write(dir, tree)
	var exists *ExistsError
	if !errors.As(err, &exists) {
		t.Fatalf("err = %v, want *ExistsError", err)
	}
	if want := []string{".github", "policies/access", "socle.hcl"}; !slices.Equal(exists.Paths, want) {
		t.Errorf("in the way: %v, want %v", exists.Paths, want)
	}
	// Nothing was written: the directory holds only what it held.
	if got := files(t, dir); !slices.Equal(got, []string{".github", "policies/access", "socle.hcl"}) {
		t.Errorf("the directory now holds %v", got)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "socle.hcl")); string(b) != "mine" {
		t.Error("an existing file was overwritten")
	}
}

// failingFS fails to read one file, after the files sorted before it were
// written.
type failingFS struct {
	fstest.MapFS
	name string
}

func (f failingFS) Open(name string) (fs.File, error) {
	if name == f.name {
		return nil, errors.New("disk on fire")
	}
	return f.MapFS.Open(name)
}

func (f failingFS) ReadFile(name string) ([]byte, error) {
	if name == f.name {
		return nil, errors.New("disk on fire")
	}
	return f.MapFS.ReadFile(name)
}

func TestWriteUndoesAFailedWrite(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	if _, err := Write(dir, failingFS{tree, "socle.hcl"}); err == nil {
		t.Fatal("a read error was not reported")
	}
	if got := files(t, dir); !slices.Equal(got, []string{"notes.txt"}) {
		t.Errorf("a failed write left %v", got)
	}
	if _, err := os.Stat(filepath.Join(dir, ".github")); err == nil {
		t.Error("a directory the failed write created is left")
	}
}
