package evaluator_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/socle-dev/socle/evaluator/store"
)

const programme = "testdata/valid/programme"

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func evalAt(t *testing.T, repo *evaluator.Repo, asOf string) *result.Document {
	t.Helper()
	doc, diags := repo.Evaluate(context.Background(), evaluator.EvalOptions{AsOf: day(asOf)})
	if diags.HasErrors() {
		t.Fatalf("evaluate: %v", diags)
	}
	return doc
}

func resultOf(t *testing.T, doc *result.Document, label string) *result.Result {
	t.Helper()
	for _, r := range doc.Results {
		if r.Control.Label == label {
			return r
		}
	}
	t.Fatalf("no result for %s", label)
	return nil
}

func TestManualControls(t *testing.T) {
	repo := loadValid(t, programme, evaluator.Options{AsOf: day("2026-09-30")})
	if c := control(t, repo, "access_review"); c.Automated || len(c.Evidence) != 1 || c.Targets[0].Name != evaluator.ManualTarget {
		t.Fatalf("access_review resolved as %+v", c)
	}

	// Q3: the declared file is dated inside the quarter: pass, with its digest.
	doc := evalAt(t, repo, "2026-09-30")
	r := resultOf(t, doc, "access_review")
	if r.Status != result.StatusPass || len(r.Evidence) != 1 || r.Evidence[0].File != "evidence/q3-review.txt" ||
		r.Evidence[0].Date != "2026-09-30" || len(r.Evidence[0].SHA256) != 64 || r.InputSHA256["evidence/q3-review.txt"] != r.Evidence[0].SHA256 {
		t.Errorf("Q3 access review: %s %+v", r.Status, r.Evidence)
	}
	// The undated file under evidence/access_review/ is reported, not counted.
	if !slices.ContainsFunc(r.Warnings, func(f result.Finding) bool { return strings.Contains(f.Message, "notes.txt") }) {
		t.Errorf("undated evidence not reported: %+v", r.Warnings)
	}
	// The annual control finds its file by convention, by the date in its name.
	if v := resultOf(t, doc, "vendor_review"); v.Status != result.StatusPass || v.Evidence[0].File != "evidence/vendor_review/2026-03-02-soc1-review.txt" {
		t.Errorf("vendor review: %s %+v", v.Status, v.Evidence)
	}

	// Q4 has no evidence yet: not_tested, saying what to add.
	r = resultOf(t, evalAt(t, repo, "2026-10-15"), "access_review")
	if r.Status != result.StatusNotTested || len(r.Evidence) != 0 ||
		!slices.ContainsFunc(r.Warnings, func(f result.Finding) bool { return strings.Contains(f.Message, "2026-Q4 (2026-10-01 to 2026-12-31)") }) {
		t.Errorf("Q4 access review: %s %+v", r.Status, r.Warnings)
	}
	// Evidence dated after as-of does not count yet.
	if r := resultOf(t, evalAt(t, repo, "2026-09-29"), "access_review"); r.Status != result.StatusNotTested {
		t.Errorf("evidence dated after as-of counted: %s", r.Status)
	}
	// Next year the annual control has no evidence.
	if r := resultOf(t, evalAt(t, repo, "2027-01-05"), "vendor_review"); r.Status != result.StatusNotTested {
		t.Errorf("2027 vendor review: %s", r.Status)
	}
}

func TestManualEvidenceChanged(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(programme)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "evidence/q3-review.txt"), []byte("edited after the fact\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	repo := loadValid(t, dir, evaluator.Options{AsOf: day("2026-09-30")})
	r := resultOf(t, evalAt(t, repo, "2026-09-30"), "access_review")
	if r.Status != result.StatusError || r.Error == nil || !strings.Contains(*r.Error, "has changed since it was recorded") {
		t.Errorf("edited evidence: %s %v", r.Status, r.Error)
	}
	if err := os.Remove(filepath.Join(dir, "evidence/q3-review.txt")); err != nil {
		t.Fatal(err)
	}
	r = resultOf(t, evalAt(t, repo, "2026-09-30"), "access_review")
	if r.Status != result.StatusError || r.Error == nil || !strings.Contains(*r.Error, "cannot be read") {
		t.Errorf("missing evidence: %s %v", r.Status, r.Error)
	}
}

func TestCUECsAndSubservices(t *testing.T) {
	repo := loadValid(t, programme, evaluator.Options{AsOf: day("2026-09-30")})
	doc := evalAt(t, repo, "2026-09-30")
	if len(doc.CUECs) != 2 || doc.CUECs[0].Ref != "CUEC-1" || !slices.Equal(doc.CUECs[0].Objectives, []string{"access", "vendors"}) {
		t.Errorf("CUECs: %+v", doc.CUECs)
	}
	if len(doc.Subservices) != 2 {
		t.Fatalf("subservices: %+v", doc.Subservices)
	}
	h := doc.Subservices[0]
	if h.Label != "hosting" || h.Method != "carve-out" || !slices.Equal(h.MonitoredBy, []string{"control.vendor_review"}) ||
		len(h.CSOCs) != 2 || h.CSOCs[0].Ref != "CSOC-1" || !slices.Equal(h.CSOCs[0].Objectives, []string{"access"}) ||
		!slices.Equal(h.CSOCs[1].Objectives, []string{"vendors"}) {
		t.Errorf("hosting: %+v", h)
	}
	if p := doc.Subservices[1]; p.Method != "inclusive" || len(p.MonitoredBy) != 0 {
		t.Errorf("payments: %+v", p)
	}
	m := repo.Matrix(day("2026-09-30"))
	if len(m.CUECs) != 2 || len(m.Subservices) != 2 || !slices.Equal(m.Gaps.UnmonitoredSubservices, []string{"payments"}) {
		t.Errorf("matrix: cuecs %d subservices %d unmonitored %v", len(m.CUECs), len(m.Subservices), m.Gaps.UnmonitoredSubservices)
	}
	// A test block counts as a test of its control; a manual control
	// without any is not a gap (its evidence is checked when evaluated).
	for _, row := range m.Rows {
		if row.Control == "mfa" && !row.Tested {
			t.Error("mfa has test blocks but is not marked tested")
		}
	}
	if len(m.Gaps.ControlsWithoutTests) != 0 {
		t.Errorf("controls without tests: %v", m.Gaps.ControlsWithoutTests)
	}
}

func TestTestBlocks(t *testing.T) {
	repo := loadValid(t, programme, evaluator.Options{AsOf: day("2026-09-30")})
	out := repo.RunTests(context.Background(), day("2026-09-30"), 0)
	var names []string
	for _, o := range out {
		names = append(names, o.Test.Label)
		if !o.Pass() {
			t.Errorf("test.%s: %v", o.Test.Label, o.Problems)
		}
	}
	want := []string{"mfa_empty_directory", "mfa_fails_without_device", "mfa_passes_on_repo_snapshot", "review_current"}
	if !slices.Equal(names, want) {
		t.Errorf("tests %v, want %v", names, want)
	}
	// The fixture replaced the repository's snapshot for that test only.
	for _, o := range out {
		if o.Test.Label == "mfa_fails_without_device" {
			if o.Result.Inputs[0].Provider != "file.test.mfa_fails_without_device.idp" {
				t.Errorf("fixture input: %+v", o.Result.Inputs)
			}
		}
	}

	// An expectation the control does not meet fails, saying how.
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(programme)); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(dir, "tests/mfa.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	src = []byte(strings.Replace(string(src), `failing    = ["bob"]`, `failing    = ["alice"]`, 1))
	src = []byte(strings.Replace(string(src), `population = 3`, `population = 4`, 1))
	if err := os.WriteFile(filepath.Join(dir, "tests/mfa.hcl"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	repo = loadValid(t, dir, evaluator.Options{AsOf: day("2026-09-30")})
	for _, o := range repo.RunTests(context.Background(), day("2026-09-30"), 0) {
		if o.Test.Label != "mfa_fails_without_device" {
			continue
		}
		want := []string{`failing resources are ["bob"], want ["alice"]`, "population is 3, want 4"}
		if !slices.Equal(o.Problems, want) {
			t.Errorf("problems %q, want %q", o.Problems, want)
		}
	}
}

// A manual control's run is recorded with its evidence files as blobs, and
// its records are reperformed from them.
func TestManualRecordAndReperform(t *testing.T) {
	ctx := context.Background()
	repo := loadValid(t, programme, evaluator.Options{AsOf: day("2026-09-30")})
	doc, diags := repo.Evaluate(ctx, evaluator.EvalOptions{AsOf: day("2026-09-30"), KeepInputs: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	s, err := store.Open(ctx, "sqlite://"+filepath.Join(t.TempDir(), "evidence.db"), ".")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	run, err := store.FromDocument(doc)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Append(ctx, run)
	if err != nil {
		t.Fatalf("recording a run with manual controls: %v", err)
	}
	for i, r := range doc.Results {
		id := store.RecordID(info.Header.ID, i+1)
		rp, err := evaluator.Reperform(ctx, s, id)
		if err != nil {
			t.Fatalf("%s (%s): %v", id, r.Control.Label, err)
		}
		if !rp.Identical {
			t.Errorf("%s (%s) reperformed differently: %v", id, r.Control.Label, rp.Differences)
		}
		if r.Control.Label == "access_review" && (len(rp.Reperformed.Evidence) != 1 || rp.Reperformed.Evidence[0].File != "evidence/q3-review.txt") {
			t.Errorf("access_review's record lost its evidence: %+v", rp.Reperformed.Evidence)
		}
	}
}
