package plugin

import (
	"os"
	"path/filepath"
	"runtime"
)

// Prefix starts the name of every plug-in executable: socle-provider-TYPE.
const Prefix = "socle-provider-"

// Discover finds the executable of the plug-in for provider type name:
// socle-provider-NAME (with ".exe" on Windows), looked for first in dirs, in
// order (the directories the configuration names), then in the directories
// of path, a PATH-style list (os.Getenv("PATH")). Relative entries of path
// are skipped, as a program found through them depends on the current
// directory; relative dirs are made absolute against it. It returns the
// absolute path of the first regular, executable file found.
//
// A name that is not a valid provider type name (letters, digits,
// underscores and dashes, starting with a letter) is never found: it could
// otherwise name a file elsewhere.
func Discover(name string, dirs []string, path string) (exe string, ok bool) {
	if !validName(name) {
		return "", false
	}
	file := Prefix + name
	if runtime.GOOS == "windows" {
		file += ".exe"
	}
	for _, d := range dirs {
		if d == "" {
			continue
		}
		abs, err := filepath.Abs(d)
		if err != nil {
			continue
		}
		if p := filepath.Join(abs, file); executable(p) {
			return p, true
		}
	}
	for _, d := range filepath.SplitList(path) {
		if d == "" || !filepath.IsAbs(d) {
			continue
		}
		if p := filepath.Join(d, file); executable(p) {
			return filepath.Clean(p), true
		}
	}
	return "", false
}

func validName(name string) bool {
	if name == "" {
		return false
	}
	for i, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case i > 0 && (r >= '0' && r <= '9' || r == '_' || r == '-'):
		default:
			return false
		}
	}
	return true
}

func executable(p string) bool {
	st, err := os.Stat(p)
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	return runtime.GOOS == "windows" || st.Mode().Perm()&0o111 != 0
}
