package policy

import (
	"io/fs"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// TestedPackages returns the packages the Rego unit tests under root refer to
// (by import or by a data reference in a test_* rule's module), so a control
// matrix can show which policies have tests. Test files that do not parse are
// skipped: socle test reports them.
func TestedPackages(fsys fs.FS, root string) map[string]bool {
	out := map[string]bool{}
	_ = fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, "_test.rego") {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil
		}
		m, err := ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			return nil
		}
		hasTest := false
		for _, r := range m.Rules {
			if strings.HasPrefix(r.Head.Name.String(), "test_") || (len(r.Head.Reference) > 0 && strings.HasPrefix(r.Head.Reference[0].String(), "test_")) {
				hasTest = true
			}
		}
		if !hasTest {
			return nil
		}
		ast.WalkRefs(m, func(r ast.Ref) bool {
			if r.HasPrefix(ast.DefaultRootRef) {
				out[strings.TrimPrefix(r.ConstantPrefix().String(), "data.")] = true
			}
			return false
		})
		return nil
	})
	return out
}

// Tested tells whether pkg, or something inside it, is referred to by tests.
func Tested(tested map[string]bool, pkg string) bool {
	for ref := range tested {
		if ref == pkg || strings.HasPrefix(ref, pkg+".") {
			return true
		}
	}
	return false
}
