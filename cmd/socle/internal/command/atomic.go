package command

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// writeFileAtomic writes data to a temporary file beside path and renames it
// into place, so path holds either its old content or the whole new content,
// never half of it.
func writeFileAtomic(path string, data []byte) error {
	// A device, a pipe or a terminal (/dev/null, /dev/stdout, a FIFO) is
	// written in place: renaming over it would replace it with a file.
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		if st.IsDir() {
			return fmt.Errorf("cannot write %s: it is a directory", path)
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("cannot write %s: %v", path, err)
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return fmt.Errorf("cannot write %s: %v", path, err)
		}
		return f.Close()
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", path, err)
	}
	name := tmp.Name()
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(name)
		return fmt.Errorf("cannot write %s: %v", path, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return fmt.Errorf("cannot write %s: %v", path, err)
	}
	if err := os.Chmod(name, 0o644); err != nil {
		os.Remove(name)
		return fmt.Errorf("cannot write %s: %v", path, err)
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return fmt.Errorf("cannot write %s: %v", path, err)
	}
	return nil
}

// writeDirAtomic writes files (slash-separated paths relative to dir) into a
// new directory beside dir and swaps it into place, so dir holds either its
// old content or the whole new set of files, never a mixture. The directory
// is marked with the file named marker; a dir that exists must be empty or
// hold that marker (a previous output of the same command), since it is
// replaced whole.
func writeDirAtomic(dir, marker string, files map[string][]byte) error {
	if st, err := os.Stat(dir); err == nil {
		if !st.IsDir() {
			return fmt.Errorf("cannot write %s: it exists and is not a directory", dir)
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			return fmt.Errorf("cannot write %s: %v", dir, err)
		}
		if _, err := os.Stat(filepath.Join(dir, marker)); len(entries) > 0 && err != nil {
			return fmt.Errorf("cannot write %s: it is a directory that holds other files (it has no %s); it would be replaced whole, so name a new or empty directory", dir, marker)
		}
	}
	files[marker] = []byte("This directory is written whole by socle; its content is replaced on each run.\n")
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("cannot write %s: %v", dir, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", dir, err)
	}
	fail := func(err error) error {
		os.RemoveAll(tmp)
		return fmt.Errorf("cannot write %s: %v", dir, err)
	}
	for name, data := range files {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if !strings.HasPrefix(p, tmp+string(filepath.Separator)) {
			return fail(fmt.Errorf("%q is not inside the directory", name))
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fail(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return fail(err)
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fail(err)
	}
	old := ""
	if _, err := os.Stat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return fail(err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return fail(err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}
