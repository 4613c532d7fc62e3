package evaluator

import "runtime/debug"

// BuildCommit returns the commit socle was built from: Commit when the build
// set it, else the revision go build stamped from the repository (with
// "-dirty" when the working tree had changes), else "".
func BuildCommit() string {
	if Commit != "" {
		return Commit
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev != "" && dirty {
		rev += "-dirty"
	}
	return rev
}
