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
	"github.com/open-policy-agent/opa/v1/cover"
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

// Coverage is how much of the policies (the modules that are not
// *_test.rego) the Rego unit tests evaluated, as OPA's coverage counts it:
// lines of rule heads and expressions.
type Coverage struct {
	Percent    float64
	Covered    int
	NotCovered int
	Files      []FileCoverage // sorted by file
}

// FileCoverage is one policy module's coverage.
type FileCoverage struct {
	File       string // as diagnostics name it
	Percent    float64
	Covered    int
	NotCovered int
}

// RunTests runs the Rego unit tests (test_* rules) of every module under root,
// the *_test.rego files included, with the same restricted capabilities as
// evaluation and a time limit per test, and measures their coverage of the
// policies.
func RunTests(ctx context.Context, fsys fs.FS, root, displayDir string, timeout time.Duration) ([]TestResult, *Coverage, hcl.Diagnostics) {
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
		return nil, nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot read the policy directory", Detail: err.Error()}}
	}
	if diags.HasErrors() {
		return nil, nil, diags
	}
	store := inmem.New()
	txn, err := store.NewTransaction(ctx)
	if err != nil {
		return nil, nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot run Rego tests", Detail: err.Error()}}
	}
	defer store.Abort(ctx, txn)
	cov := cover.New()
	ch, err := tester.NewRunner().
		SetCompiler(ast.NewCompiler().WithCapabilities(Capabilities()).WithDefaultRegoVersion(ast.RegoV1)).
		SetCoverageQueryTracer(cov).
		SetStore(store).SetModules(modules).SetTimeout(timeout).RunTests(ctx, txn)
	if err != nil {
		if errs, ok := err.(ast.Errors); ok {
			return nil, nil, regoDiags(errs, "Rego compile error", sources)
		}
		return nil, nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot run Rego tests", Detail: err.Error()}}
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
	return out, coverageOf(cov, modules), nil
}

// coverageOf reports the coverage of the policy modules, leaving out the
// test modules themselves.
func coverageOf(cov *cover.Cover, modules map[string]*ast.Module) *Coverage {
	policies := map[string]*ast.Module{}
	for name, m := range modules {
		if !strings.HasSuffix(name, "_test.rego") {
			policies[name] = m
		}
	}
	rep := cov.Report(policies)
	out := &Coverage{}
	for name := range policies {
		fr := rep.Files[name]
		if fr == nil {
			continue
		}
		out.Files = append(out.Files, FileCoverage{File: name, Percent: fr.Coverage, Covered: fr.CoveredLines, NotCovered: fr.NotCoveredLines})
		out.Covered += fr.CoveredLines
		out.NotCovered += fr.NotCoveredLines
	}
	sort.Slice(out.Files, func(i, j int) bool { return out.Files[i].File < out.Files[j].File })
	if total := out.Covered + out.NotCovered; total > 0 {
		out.Percent = 100 * float64(out.Covered) / float64(total)
	}
	return out
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
