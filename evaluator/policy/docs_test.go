package policy

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPolicyExamples compiles every ```rego example of docs/policies.md with
// socle's capabilities, as a policy repository would hold them, and runs
// their test_* rules: the policy contract's examples cannot go stale.
func TestPolicyExamples(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "policies.md"))
	if err != nil {
		t.Fatal(err)
	}
	var examples []string
	var cur *strings.Builder
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case cur == nil && strings.TrimSpace(line) == "```rego":
			cur = &strings.Builder{}
		case cur != nil && strings.TrimSpace(line) == "```":
			examples = append(examples, cur.String())
			cur = nil
		case cur != nil:
			cur.WriteString(line + "\n")
		}
	}
	if len(examples) < 5 {
		t.Fatalf("found %d rego examples in docs/policies.md", len(examples))
	}
	dir := t.TempDir()
	tests := 0
	for i, src := range examples {
		tests += strings.Count(src, "\ntest_")
		if err := os.MkdirAll(filepath.Join(dir, "policies"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "policies", fmt.Sprintf("example_%d.rego", i+1)), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys := os.DirFS(dir)
	if _, diags := Load(fsys, "policies", "docs"); diags.HasErrors() {
		t.Fatalf("the examples do not compile: %s", diags.Error())
	}
	results, _, diags := RunTests(context.Background(), fsys, "policies", "docs", 5*time.Second)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if len(results) != tests {
		t.Errorf("%d test results, the examples hold %d test_ rules", len(results), tests)
	}
	for _, r := range results {
		if !r.Pass {
			t.Errorf("docs/policies.md example %s: %s.%s fails %s", r.File, r.Package, r.Name, r.Error)
		}
	}
}
