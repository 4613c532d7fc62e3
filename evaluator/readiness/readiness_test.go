package readiness_test

import (
	"bytes"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/readiness"
	"github.com/socle-dev/socle/evaluator/readiness/readinesstest"
	"github.com/socle-dev/socle/evaluator/store"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var asOf = readinesstest.AsOf

// assess records the history in a store ("" for SQLite under the
// repository) and assesses it.
func assess(t *testing.T, storeURL string) *readiness.Assessment {
	t.Helper()
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "northwind")
	storeURL = readinesstest.Record(t, "testdata/northwind", dir, storeURL)
	repo, diags := evaluator.Load(evaluator.Options{Dir: dir, AsOf: asOf})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	s, err := store.Open(ctx, storeURL, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a, err := readiness.Build(ctx, readiness.Options{Repo: repo, Store: s, AsOf: asOf, Days: 30})
	if err != nil {
		t.Fatal(err)
	}
	a.Store = "sqlite://.socle/evidence.db" // the temporary directory varies
	return a
}

func TestReadiness(t *testing.T) {
	a := assess(t, "")
	if a.Ready || a.From != "2026-03-02" {
		t.Fatalf("ready %v from %s: want gaps from 2026-03-02", a.Ready, a.From)
	}
	verdicts := map[string]string{}
	controls := map[string]readiness.Control{}
	for _, ob := range a.Objectives {
		verdicts[ob.Ref] = ob.Verdict
		for _, c := range ob.Controls {
			controls[c.Label] = c
		}
	}
	want := map[string]string{
		"CO-1": "gaps: 1 design, 3 operation, 1 waiver, 1 risk",
		"CO-2": "gaps: 1 documentation, 1 design, 1 operation, 1 waiver, 1 risk",
		"CO-3": "ready",
		"CO-4": "gaps: 1 objective",
	}
	for ref, v := range want {
		if verdicts[ref] != v {
			t.Errorf("%s: verdict %q, want %q", ref, verdicts[ref], v)
		}
	}
	if !controls["access_review"].Ready || !controls["backups"].Ready || !controls["resource_limits"].Ready {
		t.Errorf("access_review, backups and resource_limits should be ready: %+v", controls)
	}
	term := controls["terminated_access"]
	if !slices.Equal(term.Operating.Targets[0].Missing, []string{"2026-03-20"}) || term.Designed.RegoTests != 0 ||
		!slices.Equal(term.Designed.TestsFailed, []string{"test.terminated_fails"}) {
		t.Errorf("terminated_access: %+v", term)
	}
	bp := controls["branch_protection"]
	if bp.Documented.Owner || !slices.Equal(bp.Operating.Targets[0].Missing, []string{"2026-W12"}) || bp.Waivers[0].State != readiness.WaiverExpired {
		t.Errorf("branch_protection: %+v", bp)
	}
	mfa := controls["mfa"]
	if mfa.Waivers[0].State != readiness.WaiverExpiring || mfa.Waivers[0].DaysLeft != 20 || mfa.Operating.Targets[0].Latest != "fail" ||
		!slices.Equal(mfa.Operating.Targets[0].Failed, []string{"2026-03-31"}) || mfa.Designed.RegoTests == 0 {
		t.Errorf("mfa: %+v", mfa)
	}
	// R-01 has a passing mitigation (terminated_access), R-04 the manual
	// review's evidence file; R-02 only mfa, which fails; R-03 none.
	if len(a.Risks) != 2 || a.Risks[0].Risk != "credential_theft" || a.Risks[0].Reason != "not_operating" ||
		a.Risks[1].Risk != "unreviewed_change" || a.Risks[1].Reason != "unmitigated" || a.Summary.RisksUnmitigated != 2 {
		t.Errorf("risks: %+v", a.Risks)
	}
	if len(a.Actions) != a.Summary.Gaps || a.Summary.WaiversExpiring != 1 {
		t.Errorf("%d actions for %d gaps, %d waivers expiring", len(a.Actions), a.Summary.Gaps, a.Summary.WaiversExpiring)
	}
	for _, f := range readiness.Formats {
		t.Run(f, func(t *testing.T) {
			var buf bytes.Buffer
			if err := readiness.Render(&buf, a, f); err != nil {
				t.Fatal(err)
			}
			ext := map[string]string{"text": "txt", "markdown": "md", "html": "html", "json": "json"}[f]
			compareGolden(t, filepath.Join("testdata", "golden", "readiness."+ext), buf.Bytes())
			if f == "html" {
				selfContained(t, buf.String())
			}
		})
	}
	if err := readiness.Render(&bytes.Buffer{}, a, "xlsx"); err == nil || !strings.Contains(err.Error(), "text, markdown, html, json") {
		t.Errorf("an unknown format: %v", err)
	}
}

// TestReadinessPostgres: the same history recorded in PostgreSQL gives the
// same assessment, byte for byte in JSON.
func TestReadinessPostgres(t *testing.T) {
	pg := assess(t, readinesstest.PostgresURL(t))
	var got, want bytes.Buffer
	if err := readiness.Render(&got, pg, "json"); err != nil {
		t.Fatal(err)
	}
	if err := readiness.Render(&want, assess(t, ""), "json"); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("PostgreSQL and SQLite differ: %s", firstDiff(got.Bytes(), want.Bytes()))
	}
}

// TestReadinessWithoutStore: with no store, every automated control lacks
// evidence and the store itself is an overall gap.
func TestReadinessWithoutStore(t *testing.T) {
	repo, diags := evaluator.Load(evaluator.Options{Dir: "testdata/northwind", AsOf: asOf})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	a, err := readiness.Build(context.Background(), readiness.Options{Repo: repo, AsOf: asOf, Days: 7})
	if err != nil {
		t.Fatal(err)
	}
	if a.Ready || len(a.Gaps) != 1 || a.Gaps[0].Area != readiness.AreaStore || a.Objectives[2].Ready {
		t.Fatalf("without a store: %+v", a)
	}
	// The horizon is inclusive: svc_backup_mfa has 20 days left.
	for within, state := range map[int]string{20: readiness.WaiverExpiring, 19: readiness.WaiverOpen} {
		a, err := readiness.Build(context.Background(), readiness.Options{Repo: repo, AsOf: asOf, Days: 1, Within: within})
		if err != nil {
			t.Fatal(err)
		}
		if w := a.Objectives[0].Controls[0].Waivers[0]; w.Label != "svc_backup_mfa" || w.DaysLeft != 20 || w.State != state {
			t.Errorf("within %d: %+v, want %s", within, w, state)
		}
	}
	if _, err := readiness.Build(context.Background(), readiness.Options{Repo: repo, AsOf: asOf}); err == nil {
		t.Error("a window of 0 days was accepted")
	}
}

// selfContained checks that the page loads nothing from elsewhere.
func selfContained(t *testing.T, page string) {
	t.Helper()
	for _, s := range []string{"<script", "<link", "src=", "@import", "url(", "http://", "https://"} {
		if strings.Contains(page, s) {
			t.Errorf("the HTML page is not self-contained: it holds %q", s)
		}
	}
}

func compareGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the output differs from %s (rerun with -update and review the diff): %s", golden, firstDiff(got, want))
	}
}

func firstDiff(a, b []byte) string {
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := range min(len(la), len(lb)) {
		if !bytes.Equal(la[i], lb[i]) {
			return fmt.Sprintf("line %d: got %q, want %q", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("line %d", min(len(la), len(lb))+1)
}

// TestReadinessNotTested: a latest record that tested nothing (an empty
// population) is an operation gap, as is a manual control's record without
// an evidence file.
func TestReadinessNotTested(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "northwind")
	if err := os.CopyFS(dir, os.DirFS("testdata/northwind")); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"snapshots/idp/users.json", "snapshots/idp-eu/users.json"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(`{"users": []}`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.RemoveAll(filepath.Join(dir, "evidence")); err != nil {
		t.Fatal(err)
	}
	repo, diags := evaluator.Load(evaluator.Options{Dir: dir, AsOf: asOf})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	s, err := store.Open(ctx, "sqlite://.socle/evidence.db", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	doc, _ := repo.Evaluate(ctx, evaluator.EvalOptions{PlanOptions: evaluator.PlanOptions{Controls: []string{"mfa", "access_review"}}, AsOf: asOf, KeepInputs: true})
	run, err := store.FromDocument(doc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Append(ctx, run); err != nil {
		t.Fatal(err)
	}
	a, err := readiness.Build(ctx, readiness.Options{Repo: repo, Store: s, AsOf: asOf, Days: 1})
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	for _, c := range a.Objectives[0].Controls {
		for _, g := range c.Gaps {
			if g.Area == readiness.AreaOperation && strings.Contains(g.Problem, "not_tested") {
				problems = append(problems, c.Label+": "+g.Problem)
			}
		}
	}
	want := []string{
		"mfa: the latest record on file.idp (2026-03-31T00:00:00Z) tested nothing: not_tested, an empty population",
		"mfa: the latest record on file.idp_eu (2026-03-31T00:00:00Z) tested nothing: not_tested, an empty population",
		"access_review: the latest record (2026-03-31T00:00:00Z) found no evidence file: not_tested",
	}
	if !slices.Equal(problems, want) {
		t.Errorf("gaps:\n%s", strings.Join(problems, "\n"))
	}
}

// TestReadinessStoreNotIntact: a record edited in the database makes the
// store an overall gap (the chain does not verify).
func TestReadinessStoreNotIntact(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "northwind")
	if err := os.CopyFS(dir, os.DirFS("testdata/northwind")); err != nil {
		t.Fatal(err)
	}
	repo, diags := evaluator.Load(evaluator.Options{Dir: dir, AsOf: asOf})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	s, err := store.Open(ctx, "sqlite://.socle/evidence.db", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	doc, _ := repo.Evaluate(ctx, evaluator.EvalOptions{PlanOptions: evaluator.PlanOptions{Controls: []string{"backups"}}, AsOf: asOf, KeepInputs: true})
	run, err := store.FromDocument(doc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Append(ctx, run); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", filepath.Join(dir, ".socle", "evidence.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if res, err := raw.Exec(`UPDATE socle_records SET status = 'fail'`); err != nil {
		t.Fatal(err)
	} else if n, _ := res.RowsAffected(); n != 1 {
		t.Fatalf("%d records edited", n)
	}
	a, err := readiness.Build(ctx, readiness.Options{Repo: repo, Store: s, AsOf: asOf, Days: 1})
	if err != nil {
		t.Fatal(err)
	}
	if a.Ready || len(a.Gaps) == 0 || a.Gaps[0].Area != readiness.AreaStore || !strings.Contains(a.Gaps[0].Problem, "the evidence store is not intact") {
		t.Errorf("gaps: %+v", a.Gaps)
	}
}
