// Package policies is socle's SOC 1 catalog: a complete policy repository
// (objectives, controls, providers, Rego policies with their unit tests, sample
// snapshots, test blocks and fixtures, a README and a CI workflow) embedded in
// the binary, from which socle init scaffolds a new repository.
//
// The catalog is also a policy repository in its own right: socle eval, test,
// matrix and fmt run on this directory. This package holds only the files; it
// imports nothing of the evaluator.
package policies

import (
	"embed"
	"io/fs"
)

// The repository's files. Names starting with "." or "_" are skipped by embed
// when it walks a directory, so .gitignore and .github are named here; the
// embedded tree holds nothing else that starts with one.
//
//go:embed *.hcl README.md .gitignore .github approvals policies snapshots tests
var files embed.FS

// FS returns the catalog, rooted at the policy repository.
func FS() fs.FS { return files }
