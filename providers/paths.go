package providers

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// CleanPath turns a path written in the configuration into a path inside the
// repository file system. Absolute paths and paths that climb out of the
// repository ("../…") are refused: a pull request must not make socle read
// files outside the policy repository.
func CleanPath(p string) (string, error) {
	if p == "" {
		return "", errors.New("the path is empty")
	}
	slashed := strings.ReplaceAll(p, `\`, "/")
	if path.IsAbs(slashed) || (len(slashed) > 1 && slashed[1] == ':') {
		return "", fmt.Errorf("%q is an absolute path; paths are relative to the policy repository and must stay inside it", p)
	}
	clean := path.Clean(slashed)
	if clean == ".." || strings.HasPrefix(clean, "../") {
		return "", fmt.Errorf("%q leaves the policy repository; paths must stay inside it", p)
	}
	if !fs.ValidPath(clean) {
		return "", fmt.Errorf("%q is not a valid path inside the policy repository", p)
	}
	return clean, nil
}

// Match resolves a snapshot setting to the files it names, sorted: a file; a
// directory, walked recursively (hidden files and directories are skipped); or a
// glob (path.Match syntax, "*" does not cross "/"). A setting that matches nothing
// is an error: a snapshot that silently reads nothing would make controls look
// tested when they are not.
func (e Env) Match(pattern string) ([]string, error) {
	clean, err := CleanPath(pattern)
	if err != nil {
		return nil, err
	}
	if strings.ContainsAny(clean, "*?[") {
		matches, err := fs.Glob(e.FS, clean)
		if err != nil {
			return nil, fmt.Errorf("invalid glob %q: %v", pattern, err)
		}
		var files []string
		for _, m := range matches {
			st, err := fs.Stat(e.FS, m)
			if err != nil {
				return nil, fmt.Errorf("reading %s: %v", m, err)
			}
			if st.Mode().IsRegular() {
				files = append(files, m)
			}
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("the glob %q matches no file", pattern)
		}
		sort.Strings(files)
		return files, nil
	}
	st, err := fs.Stat(e.FS, clean)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%q does not exist in the policy repository", pattern)
		}
		return nil, fmt.Errorf("reading %q: %v", pattern, err)
	}
	if !st.IsDir() {
		return []string{clean}, nil
	}
	var files []string
	err = fs.WalkDir(e.FS, clean, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != clean && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading directory %q: %v", pattern, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("the directory %q holds no file", pattern)
	}
	sort.Strings(files)
	return files, nil
}
