package report_test

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/period"
	"github.com/socle-dev/socle/evaluator/sample"
	"github.com/socle-dev/socle/evaluator/store"
)

// The synthetic history every report test reads: the repository in
// testdata/history (Northwind Payroll), evaluated in-process once a day over
// the first quarter of 2026 with the clock, run ids and versions fixed, and
// recorded in a real SQLite store. The scenario:
//
//   - mfa (1.1, daily, on file.idp and file.idp_eu): bob has no second factor
//     on 2026-02-14 (failed); svc-backup never has one and is waived
//     (svc_backup_mfa) every day; the policy changes on 2026-03-01 (SMS alone
//     no longer counts; erin moved to TOTP on 2026-02-26, so nothing fails).
//   - terminated_access (1.2, daily, hr joined with idp): dave is terminated
//     on 2026-03-02, HR records it on 2026-03-03, his account is suspended on
//     2026-03-05: failed on 2026-03-03 and 2026-03-04.
//   - access_review (1.3, quarterly, manual): one evidence file, 2026-03-27.
//   - branch_protection (2.1, weekly, a test_procedure of its own): the
//     archived legacy repository, unprotected, is in the export until
//     2026-02-22 and waived (legacy_repository, expires 2026-02-28).
//   - backups (3.1, weekly): the payroll backup fails on 2026-02-09 (W07);
//     no run on Monday 2026-03-02 (W10 missing); the export is truncated on
//     2026-03-16 (W12 errored: did not operate).
//   - resource_limits (3.2, daily, conftest): payroll-batch has no limits on
//     2026-01-20 (failed).
//   - Nobody runs socle on 2026-02-20: the daily controls miss that day.
//   - Every run is signed with a fixed ed25519 key, but the run of 2026-03-15.
//   - One sample: mfa on file.idp, 5 days, seed 20260401.
var (
	historyOnce sync.Once
	history     struct {
		dir, store string // the repository copy and the store URL (relative to dir)
		pub        ed25519.PublicKey
		err        error
	}
	historyKey = ed25519.NewKeyFromSeed([]byte("northwind-history-test-key-seed!"))
	historyNS  = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://socle.dev/test/history"))
)

// historyFrom and historyTo are the recorded quarter.
var (
	historyFrom = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	historyTo   = time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	// generated is the fixed generation time of the reports.
	generated = time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
)

var historyTmp string

func TestMain(m *testing.M) {
	code := m.Run()
	if historyTmp != "" {
		os.RemoveAll(historyTmp)
	}
	os.Exit(code)
}

// recordedHistory builds the history once per test binary.
func recordedHistory(t testing.TB) (dir, storeURL string) {
	t.Helper()
	historyOnce.Do(func() {
		start := time.Now()
		tmp, err := os.MkdirTemp("", "socle-report-history-")
		if err != nil {
			history.err = err
			return
		}
		historyTmp = tmp
		history.dir = filepath.Join(tmp, "northwind")
		history.store = "sqlite://.socle/evidence.db"
		history.err = buildHistory(history.dir, history.store)
		history.pub = historyKey.Public().(ed25519.PublicKey)
		t.Logf("history recorded in %v", time.Since(start).Round(time.Millisecond))
	})
	if history.err != nil {
		t.Fatal(history.err)
	}
	return history.dir, history.store
}

// mfaV1 is the MFA policy until 2026-02-28: SMS alone still counts.
const mfaV1 = `package northwind.access.mfa

# The population: every active account of the identity provider's export.
resources contains u.login if {
	some u in input.file.content.users
	u.status == "ACTIVE"
}

deny contains {"resource": u.login, "message": sprintf("%s is active without a second factor", [u.login])} if {
	some u in input.file.content.users
	u.status == "ACTIVE"
	count(u.factors) == 0
}
`

func buildHistory(dir, storeURL string) error {
	ctx := context.Background()
	if err := os.CopyFS(dir, os.DirFS("testdata/history")); err != nil {
		return err
	}
	mfaV2, err := os.ReadFile(filepath.Join(dir, "policies/mfa.rego"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "policies/mfa.rego"), []byte(mfaV1), 0o644); err != nil {
		return err
	}
	s, err := store.Open(ctx, storeURL, dir)
	if err != nil {
		return err
	}
	defer s.Close()
	var repo *evaluator.Repo
	load := func() error {
		r, diags := evaluator.Load(evaluator.Options{Dir: dir})
		if diags.HasErrors() {
			return fmt.Errorf("loading the history repository: %s", diags.Error())
		}
		repo = r
		return nil
	}
	if err := load(); err != nil {
		return err
	}
	for d := historyFrom; !d.After(historyTo); d = d.AddDate(0, 0, 1) {
		day := d.Format(time.DateOnly)
		if day == "2026-02-20" {
			continue // nobody ran socle that day
		}
		if day == "2026-03-01" {
			if err := os.WriteFile(filepath.Join(dir, "policies/mfa.rego"), mfaV2, 0o644); err != nil {
				return err
			}
			if err := load(); err != nil {
				return err
			}
		}
		if err := writeSnapshots(dir, d); err != nil {
			return err
		}
		controls := []string{"mfa", "terminated_access", "resource_limits"}
		if day == "2026-01-01" || d.Weekday() == time.Monday {
			controls = append(controls, "branch_protection")
			if day != "2026-03-02" {
				controls = append(controls, "backups")
			}
		}
		asOf := d.Add(6 * time.Hour)
		doc, _ := repo.Evaluate(ctx, evaluator.EvalOptions{
			PlanOptions: evaluator.PlanOptions{Controls: controls},
			AsOf:        asOf,
			Now:         func() time.Time { return asOf },
			RunID:       uuid.NewSHA1(historyNS, []byte("run/"+day)).String(),
			Context:     map[string]string{"git_commit": "4f1c2d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e", "ci_job": "nightly-" + day},
			Workers:     1,
			KeepInputs:  true,
		})
		doc.Run.SocleVersion, doc.Run.OPAVersion = "0.0.0-test", "0.0.0-test"
		run, err := store.FromDocument(doc)
		if err != nil {
			return err
		}
		info, err := s.Append(ctx, run)
		if err != nil {
			return fmt.Errorf("%s: %v", day, err)
		}
		if day != "2026-03-15" {
			sig, err := store.SignRun(info, historyKey)
			if err != nil {
				return err
			}
			if err := s.AppendSignature(ctx, sig); err != nil {
				return err
			}
		}
	}
	return recordSample(ctx, s)
}

// recordSample draws the history's sample: mfa on file.idp, 5 days.
func recordSample(ctx context.Context, s store.Store) error {
	p := period.Period{From: historyFrom, To: historyTo}
	runs, err := s.Runs(ctx, store.Filter{From: p.From, To: p.End(), Control: "mfa", Target: "file.idp"})
	if err != nil {
		return err
	}
	var obs []period.Observation
	for _, r := range runs {
		recs, err := s.RunRecords(ctx, r.Header.ID)
		if err != nil {
			return err
		}
		for i := range recs {
			rec, err := recs[i].Decode()
			if err != nil {
				return err
			}
			if rec.Control.Label == "mfa" && rec.Target.Name == "file.idp" {
				obs = append(obs, period.ObservationOf(recs[i].ID, rec))
			}
		}
	}
	pops, err := period.Populations(p, obs)
	if err != nil || len(pops) != 1 {
		return fmt.Errorf("mfa population: %v (%d)", err, len(pops))
	}
	pop := pops[0]
	const seed, size = 20260401, 5
	sm := &store.Sample{
		ID: uuid.NewSHA1(historyNS, []byte("sample/mfa")).String(), CreatedAt: generated.Add(-time.Hour),
		Control: pop.Control, Ref: pop.Ref, Target: pop.Target, From: p.From.Format(time.DateOnly), To: p.To.Format(time.DateOnly),
		Frequency: pop.Frequency, Seed: seed, Size: size, Algorithm: sample.Algorithm, SocleVersion: "0.0.0-test",
		Population: []store.SampleItem{}, Selection: []store.SampleItem{},
	}
	var keys []string
	byKey := map[string]store.SampleItem{}
	for _, it := range pop.Items {
		keys = append(keys, it.Key)
		byKey[it.Key] = store.SampleItem{Key: it.Key, Records: it.Records}
		sm.Population = append(sm.Population, byKey[it.Key])
	}
	for _, k := range sample.Select(keys, size, seed) {
		sm.Selection = append(sm.Selection, byKey[k])
	}
	return s.AppendSample(ctx, sm)
}

// writeSnapshots writes the snapshots of one day of the history.
func writeSnapshots(dir string, d time.Time) error {
	day := d.Format(time.DateOnly)
	on := func(from string) bool { return day >= from }
	is := func(days ...string) bool { return slices.Contains(days, day) }
	files := map[string]string{}

	factors := func(f ...string) string {
		if len(f) == 0 {
			return "[]"
		}
		return `["` + strings.Join(f, `", "`) + `"]`
	}
	user := func(login, id, status, f string) string {
		return fmt.Sprintf(`    {"login": %q, "employee_id": %q, "status": %q, "factors": %s}`, login, id, status, f)
	}
	bob := factors("totp")
	if is("2026-02-14") {
		bob = factors()
	}
	dave := "ACTIVE"
	if on("2026-03-05") {
		dave = "SUSPENDED"
	}
	erin := factors("sms")
	if on("2026-02-26") {
		erin = factors("totp")
	}
	users := []string{
		user("alice", "E001", "ACTIVE", factors("totp")),
		user("bob", "E002", "ACTIVE", bob),
		user("carol", "E003", "ACTIVE", factors("webauthn")),
		user("dave", "E004", dave, factors("totp")),
		user("erin", "E005", "ACTIVE", erin),
	}
	if on("2026-02-02") {
		users = append(users, user("frank", "E006", "ACTIVE", factors("webauthn", "totp")))
	}
	users = append(users, user("svc-backup", "", "ACTIVE", factors()))
	files["snapshots/idp/users.json"] = "{\n  \"users\": [\n" + strings.Join(users, ",\n") + "\n  ]\n}\n"
	files["snapshots/idp-eu/users.json"] = "{\n  \"users\": [\n" + strings.Join([]string{
		user("giulia", "E101", "ACTIVE", factors("webauthn")),
		user("hans", "E102", "ACTIVE", factors("totp")),
	}, ",\n") + "\n  ]\n}\n"

	roster := "employee_id,name,status,terminated_on\nE001,Alice Martin,active,\nE002,Bob Chen,active,\nE003,Carol Diaz,active,\n"
	if on("2026-03-03") {
		roster += "E004,Dave Evans,terminated,2026-03-02\n"
	} else {
		roster += "E004,Dave Evans,active,\n"
	}
	roster += "E005,Erin Fox,active,\n"
	if on("2026-02-02") {
		roster += "E006,Frank Gray,active,\n"
	}
	files["snapshots/hr/roster.csv"] = roster

	repos := []string{
		`    {"name": "northwind/payroll-api", "protection": {"required_pull_request_reviews": {"required_approving_review_count": 1}}}`,
		`    {"name": "northwind/payroll-batch", "protection": {"required_pull_request_reviews": {"required_approving_review_count": 2}}}`,
	}
	if !on("2026-02-23") {
		repos = append(repos, `    {"name": "northwind/legacy-payroll", "archived": true, "protection": null}`)
	}
	files["snapshots/github/branches.json"] = "{\n  \"repositories\": [\n" + strings.Join(repos, ",\n") + "\n  ]\n}\n"

	status := "succeeded"
	if is("2026-02-09") {
		status = "failed"
	}
	jobs := fmt.Sprintf("{\n  \"jobs\": [\n    {\"database\": \"payroll\", \"status\": %q, \"finished_at\": \"%sT02:10:00Z\"},\n    {\"database\": \"ledger\", \"status\": \"succeeded\", \"finished_at\": \"%sT02:40:00Z\"}\n  ]\n}\n", status, day, day)
	if is("2026-03-16") {
		jobs = jobs[:40] // the export was cut short
	}
	files["snapshots/backups/jobs.json"] = jobs

	limits := "\n          resources:\n            limits:\n              cpu: \"2\"\n              memory: 4Gi"
	batchLimits := limits
	if is("2026-01-20") {
		batchLimits = ""
	}
	deployment := func(name, lim string) string {
		return fmt.Sprintf("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: %s\n  namespace: payroll\nspec:\n  template:\n    spec:\n      containers:\n        - name: %s\n          image: registry.northwind.example/%s:1.4.2%s\n", name, name, name, lim)
	}
	files["snapshots/k8s/payroll-api.yaml"] = deployment("payroll-api", limits)
	files["snapshots/k8s/payroll-batch.yaml"] = deployment("payroll-batch", batchLimits)

	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			return err
		}
	}
	return nil
}
