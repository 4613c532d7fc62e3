package evaluator

import "path/filepath"

// joinDisplay is the name a user can open: the repository directory joined
// with a repository-relative slash path.
func joinDisplay(dir, rel string) string {
	return filepath.Join(dir, filepath.FromSlash(rel))
}
