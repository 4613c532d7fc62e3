package policy

import (
	"io/fs"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// TestRule is one test_* rule of a Rego unit test module, with the packages
// its module refers to (by import or data reference).
type TestRule struct {
	Package string // the test module's package
	Name    string // test_…
	File    string // repository-relative, slash-separated
	Line    int
	Refers  []string // data references' constant prefixes, without "data.", sorted
}

// TestRules lists the test_* rules of the *_test.rego files under root, sorted
// by file and line. Test files that do not parse are skipped: socle test
// reports them.
func TestRules(fsys fs.FS, root string) []TestRule {
	var out []TestRule
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
		refers := map[string]bool{}
		ast.WalkRefs(m, func(r ast.Ref) bool {
			if r.HasPrefix(ast.DefaultRootRef) {
				refers[strings.TrimPrefix(r.ConstantPrefix().String(), "data.")] = true
			}
			return false
		})
		list := make([]string, 0, len(refers))
		for r := range refers {
			list = append(list, r)
		}
		sort.Strings(list)
		pkg := strings.TrimPrefix(m.Package.Path.String(), "data.")
		for _, r := range m.Rules {
			name := r.Head.Name.String()
			if name == "" && len(r.Head.Reference) > 0 {
				name = r.Head.Reference[0].String()
			}
			if !strings.HasPrefix(name, "test_") {
				continue
			}
			line := 0
			if r.Location != nil {
				line = r.Location.Row
			}
			out = append(out, TestRule{Package: pkg, Name: name, File: p, Line: line, Refers: list})
		}
		return nil
	})
	return out
}

// Tests tells whether the rule's module refers to pkg or something inside it.
func (t TestRule) Tests(pkg string) bool {
	for _, ref := range t.Refers {
		if ref == pkg || strings.HasPrefix(ref, pkg+".") {
			return true
		}
	}
	return false
}

// TestedPackages returns the packages the Rego unit tests under root refer to
// (by import or by a data reference in a test_* rule's module), so a control
// matrix can show which policies have tests.
func TestedPackages(fsys fs.FS, root string) map[string]bool {
	out := map[string]bool{}
	for _, t := range TestRules(fsys, root) {
		for _, r := range t.Refers {
			out[r] = true
		}
	}
	return out
}

// Tested tells whether pkg, or something inside it, is referred to by tests.
func Tested(tested map[string]bool, pkg string) bool {
	return TestRule{Refers: keysOf(tested)}.Tests(pkg)
}

func keysOf(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
