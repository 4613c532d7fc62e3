package policy

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestResult is one Rego unit test's outcome.
type TestResult struct {
	Package  string
	Name     string
	File     string // as diagnostics name it
	Line     int
	Pass     bool
	Error    string // the runtime error, when the test errored
	Duration time.Duration
}

// RunTests runs the Rego unit tests (test_* rules) of every module under root,
// the *_test.rego files included, with the same restricted capabilities as
// evaluation and a time limit per test.
func RunTests(ctx context.Context, fsys fs.FS, root, displayDir string, timeout time.Duration) ([]TestResult, hcl.Diagnostics) {
	modules := map[string]*ast.Module{}
	sources := map[string][]byte{}
	var diags hcl.Diagnostics
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != root && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		if !d.Type().IsRegular() || !strings.HasSuffix(p, ".rego") {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		display := filepath.Join(displayDir, filepath.FromSlash(p))
		sources[display] = src
		m, perr := ast.ParseModuleWithOpts(display, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1, ProcessAnnotation: true})
		if perr != nil {
			diags = append(diags, regoDiags(perr, "Invalid Rego", sources)...)
			return nil
		}
		modules[display] = m
		return nil
	})
	if err != nil {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot read the policy directory", Detail: err.Error()}}
	}
	if diags.HasErrors() {
		return nil, diags
	}
	store := inmem.New()
	txn, err := store.NewTransaction(ctx)
	if err != nil {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot run Rego tests", Detail: err.Error()}}
	}
	defer store.Abort(ctx, txn)
	ch, err := tester.NewRunner().
		SetCompiler(ast.NewCompiler().WithCapabilities(Capabilities()).WithDefaultRegoVersion(ast.RegoV1)).
		SetStore(store).SetModules(modules).SetTimeout(timeout).RunTests(ctx, txn)
	if err != nil {
		if errs, ok := err.(ast.Errors); ok {
			return nil, regoDiags(errs, "Rego compile error", sources)
		}
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot run Rego tests", Detail: err.Error()}}
	}
	var out []TestResult
	for r := range ch {
		tr := TestResult{Package: strings.TrimPrefix(r.Package, "data."), Name: r.Name, Pass: r.Pass(), Duration: r.Duration}
		if r.Location != nil {
			tr.File, tr.Line = r.Location.File, r.Location.Row
		}
		if r.Error != nil {
			tr.Error = r.Error.Error()
			tr.Pass = false
		} else if r.Fail {
			tr.Pass = false
		}
		out = append(out, tr)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Package != out[j].Package {
			return out[i].Package < out[j].Package
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

// Summary is "N passed, N failed", the line test runners print.
func Summary(results []TestResult) string {
	pass := 0
	for _, r := range results {
		if r.Pass {
			pass++
		}
	}
	return fmt.Sprintf("%d passed, %d failed", pass, len(results)-pass)
}
