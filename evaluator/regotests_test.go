package evaluator_test

import (
	"context"
	"os"
	"testing"
	"testing/fstest"
	"time"

	"github.com/socle-dev/socle/evaluator/policy"
)

// TestRegoUnitTests runs the Rego unit tests that ship with the example and the
// benchmark repository: every test_* rule must pass, and each repository must
// have some.
func TestRegoUnitTests(t *testing.T) {
	for _, dir := range []string{"../examples/payroll", "../testdata/bench"} {
		results, _, diags := policy.RunTests(context.Background(), os.DirFS(dir), "policies", dir, 10*time.Second)
		if diags.HasErrors() {
			t.Fatalf("%s: %v", dir, diags)
		}
		if len(results) < 5 {
			t.Errorf("%s: only %d Rego tests", dir, len(results))
		}
		for _, r := range results {
			if !r.Pass {
				t.Errorf("%s:%d: %s.%s failed %s", r.File, r.Line, r.Package, r.Name, r.Error)
			}
		}
		t.Logf("%s: %s", dir, policy.Summary(results))
	}
	// A failing test is reported as failing, an erroring one as failing with its error.
	fsys := fstest.MapFS{"policies/p_test.rego": {Data: []byte("package p_test\n\ntest_ok if true\n\ntest_bad if 1 == 2\n\ntest_err if {\n\tx := 1 / 0\n\tx > 0\n}\n")}}
	results, _, diags := policy.RunTests(context.Background(), fsys, "policies", "x", time.Second)
	if diags.HasErrors() || len(results) != 3 {
		t.Fatalf("results %v, diags %v", results, diags)
	}
	if got := policy.Summary(results); got != "1 passed, 2 failed" {
		t.Errorf("summary %q", got)
	}
}
