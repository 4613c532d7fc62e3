// Package scaffold writes a new policy repository from a file tree (socle init
// writes the embedded SOC 1 catalog). It never overwrites: every file it would
// write is checked before the first one is written, and a failure while writing
// removes what it wrote, so the directory is left as it was or holds the whole
// repository.
//
// It imports nothing of the evaluator: what it copies is files.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// ExistsError lists the paths that are in the way: files the repository would
// write that exist already (as anything), or parent directories that exist as
// something other than a directory. Nothing was written.
type ExistsError struct {
	Dir   string
	Paths []string // slash-separated, relative to Dir, sorted
}

func (e *ExistsError) Error() string {
	return fmt.Sprintf("%d file(s) of the new repository already exist in %s: %s", len(e.Paths), e.Dir, strings.Join(e.Paths, ", "))
}

// Write copies every regular file of src into dir (created if missing) and
// returns the slash-separated paths written, sorted. It returns an
// *ExistsError, having written nothing, when any of them is in the way.
func Write(dir string, src fs.FS) ([]string, error) {
	var names []string
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the files to write: %w", err)
	}
	slices.Sort(names)
	if conflicts := inTheWay(dir, names); len(conflicts) > 0 {
		return nil, &ExistsError{Dir: dir, Paths: conflicts}
	}

	var created []string // files and directories, in creation order
	undo := func() {
		for _, p := range slices.Backward(created) {
			os.Remove(p)
		}
	}
	mkdir := func(d string) error {
		var missing []string
		for p := d; ; p = filepath.Dir(p) {
			if _, err := os.Lstat(p); err == nil || p == filepath.Dir(p) {
				break
			}
			missing = append(missing, p)
		}
		for _, p := range slices.Backward(missing) {
			if err := os.Mkdir(p, 0o755); err != nil {
				return err
			}
			created = append(created, p)
		}
		return nil
	}
	for _, name := range names {
		data, err := fs.ReadFile(src, name)
		if err != nil {
			undo()
			return nil, fmt.Errorf("reading %s: %w", name, err)
		}
		target := filepath.Join(dir, filepath.FromSlash(name))
		if err := mkdir(filepath.Dir(target)); err != nil {
			undo()
			return nil, fmt.Errorf("creating the directory of %s: %w", target, err)
		}
		if err := create(target, data); err != nil {
			undo()
			return nil, err
		}
		created = append(created, target)
	}
	return names, nil
}

// create writes a new file; O_EXCL makes a file that appeared since the check
// an error rather than something overwritten.
func create(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s appeared while the repository was being written; nothing was kept", name)
		}
		return fmt.Errorf("creating %s: %w", name, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(name)
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(name)
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

// inTheWay returns the names (and parent directories) that exist under dir in a
// form that writing the names would overwrite or trip over.
func inTheWay(dir string, names []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, name := range names {
		// Parents must be directories (or absent).
		for p := path.Dir(name); p != "."; p = path.Dir(p) {
			if seen[p] {
				break
			}
			seen[p] = true
			if st, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(p))); err == nil && !st.IsDir() {
				out = append(out, p)
			}
		}
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(name))); err == nil {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}
