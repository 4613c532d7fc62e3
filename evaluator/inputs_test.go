package evaluator_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/bundle"
	"github.com/socle-dev/socle/evaluator/result"
)

func errorsByTarget(doc *result.Document) map[string]string {
	out := map[string]string{}
	for _, r := range doc.Results {
		out[r.Target] = string(r.Status)
		if r.Error != nil {
			out[r.Target] += ": " + *r.Error
		}
	}
	return out
}

func TestMaxAgeAndExpect(t *testing.T) {
	dir := "testdata/valid/inputs"
	doc, _ := evaluate(t, dir, evaluator.EvalOptions{})
	got := errorsByTarget(doc)
	want := map[string]string{
		"file.fresh":         "error: input file.fresh has max_age 26h0m0s but does not record when it was collected",
		"file.counted":       "error: incomplete input: file.counted holds 3 items; its expect block requires at least 5",
		"file.identified":    "pass",
		"file.misidentified": `error: incomplete input: file.misidentified reports snapshot = "snapshots/users.json"; its expect block requires "snapshots/other.json"`,
	}
	for target, w := range want {
		if !strings.HasPrefix(got[target], w) {
			t.Errorf("%s: %q, want %q", target, got[target], w)
		}
	}

	// From a bundle, the collection time is known: fresh within max_age, stale past it.
	repo := loadValid(t, dir, evaluator.Options{AsOf: fixedNow})
	for _, tc := range []struct {
		age  time.Duration
		want string
	}{
		{time.Hour, "pass"},
		{30 * time.Hour, "error: stale input: file.fresh was collected at 2026-11-24T03:30:00Z, 30h0m0s before 2026-11-25T09:30:00Z, older than its max_age of 26h0m0s; collect it again (socle collect), or raise max_age in its provider block"},
	} {
		docs, diags := repo.Collect(context.Background(), evaluator.CollectOptions{
			Providers: []string{"file.fresh"},
			Now:       func() time.Time { return fixedNow.Add(-tc.age) },
		})
		if diags.HasErrors() || len(docs) != 1 {
			t.Fatalf("collect: %v", diags)
		}
		path := filepath.Join(t.TempDir(), "b")
		if err := bundle.Write(path, bundle.Manifest{CreatedAt: fixedNow}, docs); err != nil {
			t.Fatal(err)
		}
		b, err := bundle.Read(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := repo.Evaluate(context.Background(), evaluator.EvalOptions{AsOf: fixedNow, Now: fixedClock, Bundle: b})
		got := errorsByTarget(doc)
		if got["file.fresh"] != tc.want {
			t.Errorf("collected %s before: %q, want %q", tc.age, got["file.fresh"], tc.want)
		}
		if !strings.Contains(got["file.counted"], "is not in the snapshot bundle") {
			t.Errorf("an input missing from the bundle: %q", got["file.counted"])
		}
	}
}

// TestFindingLocations points a control at the example's Terraform plan and
// .tf sources (copied into a temporary repository) and checks that a finding on
// a resource carries the line of its resource block.
func TestFindingLocations(t *testing.T) {
	dir := t.TempDir()
	example := "../examples/payroll"
	files := map[string]string{
		"main.hcl": `
objective "data" {
  ref   = "CO-3"
  title = "Data protection"
}

provider "terraform" {
  snapshot = "plan.json"
  source   = "infra"
}

control "multi_az" {
  ref       = "3.9"
  objective = objective.data
  title     = "Databases are multi-AZ"
  policy    = "t.multi_az"
  providers = [terraform]
}
`,
		"policies/multi_az.rego": `package t.multi_az

resources contains db.address if some db in input.terraform.by_type.aws_db_instance

deny contains {"resource": db.address, "message": "not multi-AZ"} if {
	some db in input.terraform.by_type.aws_db_instance
	not db.values.multi_az
}
`,
	}
	for name, content := range files {
		writeFile(t, filepath.Join(dir, name), []byte(content))
	}
	plan, err := os.ReadFile(filepath.Join(example, "snapshots/terraform/plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "plan.json"), plan)
	tfs, _ := filepath.Glob(filepath.Join(example, "infra", "*.tf"))
	for _, tf := range tfs {
		src, err := os.ReadFile(tf)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, "infra", filepath.Base(tf)), src)
	}

	doc, diags := evaluate(t, dir, evaluator.EvalOptions{})
	if len(diags) > 0 {
		t.Errorf("diagnostics: %v", diags)
	}
	r := doc.Results[0]
	if len(r.Findings) != 1 {
		t.Fatalf("findings: %+v", r.Findings)
	}
	if loc := r.Findings[0].Location; loc == nil || loc.File != "infra/database.tf" || loc.Line != 21 {
		t.Errorf("location of %s: %+v, want infra/database.tf:21", r.Findings[0].Resource, loc)
	}
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
