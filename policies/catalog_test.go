package policies_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/policy"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/socle-dev/socle/policies"
)

// asOf is the clock of every test: inside the catalog's period.
var asOf = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// load reads the catalog as the binary embeds it, once for every test.
var load = sync.OnceValues(func() (*evaluator.Repo, error) {
	repo, diags := evaluator.Load(evaluator.Options{Dir: "policies", FS: policies.FS(), AsOf: asOf})
	if diags.HasErrors() || len(diags) > 0 {
		return nil, fmt.Errorf("the catalog does not load cleanly: %v", diags)
	}
	return repo, nil
})

func catalog(t testing.TB) *evaluator.Repo {
	t.Helper()
	repo, err := load()
	if err != nil {
		t.Fatal(err)
	}
	return repo
}

// The objectives the issue requires, by label.
var requiredObjectives = []string{
	"logical_access", "access_provisioning", "privileged_access", "change_management",
	"change_segregation", "computer_operations", "backup_recovery", "logging_monitoring",
	"data_protection", "subservice_monitoring", "transaction_processing", "payment_authorization",
}

func TestCatalogObjectives(t *testing.T) {
	repo := catalog(t)
	for _, l := range requiredObjectives {
		if repo.Objectives[l] == nil {
			t.Errorf("no objective %s", l)
		}
	}
	for _, o := range repo.Objectives {
		if o.Ref == "" || o.Title == "" || len(o.COSO) == 0 {
			t.Errorf("objective %s lacks a ref, a title or COSO principles", o.Label)
		}
		if !strings.HasPrefix(o.Description, "Controls provide reasonable assurance that ") {
			t.Errorf("objective %s: the description does not state what the controls give reasonable assurance of: %q", o.Label, o.Description)
		}
	}
}

func TestCatalogControls(t *testing.T) {
	repo := catalog(t)
	automated := 0
	for _, c := range repo.Controls {
		if c.Ref == "" || c.Title == "" || c.Description == "" || c.Owner == "" {
			t.Errorf("control %s lacks a ref, title, description or owner", c.Label)
		}
		if c.Automated {
			automated++
		}
	}
	if automated < 30 {
		t.Errorf("%d automated controls, the catalog promises at least 30", automated)
	}
}

func TestCatalogRegoTestsPass(t *testing.T) {
	repo := catalog(t)
	results, cov, diags := policy.RunTests(t.Context(), repo.FS, repo.Settings.PoliciesDir, "policies", 10*time.Second)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if len(results) == 0 {
		t.Fatal("no Rego test ran")
	}
	for _, r := range results {
		if !r.Pass {
			t.Errorf("%s.%s (%s:%d) fails %s", r.Package, r.Name, r.File, r.Line, r.Error)
		}
	}
	// Every policy module is exercised by its tests.
	for _, f := range cov.Files {
		if f.Percent < 80 {
			t.Errorf("the Rego tests cover %.1f%% of %s", f.Percent, f.File)
		}
	}
}

func TestCatalogTestBlocksPass(t *testing.T) {
	repo := catalog(t)
	outcomes := repo.RunTests(t.Context(), asOf, 10*time.Second)
	if len(outcomes) == 0 {
		t.Fatal("no test block ran")
	}
	for _, o := range outcomes {
		if !o.Pass() {
			t.Errorf("test.%s (%s): %s", o.Test.Label, o.Test.File, strings.Join(o.Problems, "; "))
		}
	}
}

// Every automated control is shown to pass (on the sample snapshots) and to fail
// (on a fixture, naming the failing resources) by a test block.
func TestEveryControlHasPassingAndFailingTests(t *testing.T) {
	repo := catalog(t)
	pass, fail := map[string]bool{}, map[string]bool{}
	for _, tb := range repo.Tests {
		switch tb.Expect.Status {
		case result.StatusPass:
			pass[tb.Control.Label] = true
		case result.StatusFail:
			if len(tb.Fixtures) == 0 || len(tb.Expect.Failing) == 0 {
				t.Errorf("test.%s expects a failure without a fixture or without naming the failing resources", tb.Label)
			}
			fail[tb.Control.Label] = true
		}
	}
	for _, c := range repo.Controls {
		if !c.Automated {
			continue
		}
		if !pass[c.Label] {
			t.Errorf("control %s has no test block expecting pass", c.Label)
		}
		if !fail[c.Label] {
			t.Errorf("control %s has no test block expecting fail", c.Label)
		}
	}
}

func TestEveryPolicyHasMetadata(t *testing.T) {
	repo := catalog(t)
	used := map[string]bool{}
	for _, c := range repo.Controls {
		if c.Automated {
			used[c.Policy] = true
		}
	}
	annotated := map[string]bool{}
	for _, m := range repo.Policies.Modules() {
		md := m.Metadata()
		if md.Title == "" || md.Description == "" {
			t.Errorf("%s (package %s) has no METADATA title and description", m.Path, m.Package)
			continue
		}
		annotated[m.Package] = true
	}
	for pkg := range used {
		if !annotated[pkg] {
			t.Errorf("policy %s is not annotated", pkg)
		}
	}
}

// socle eval on the catalog passes: every automated control passes on the
// sample snapshots; the manual controls have no evidence yet.
func TestCatalogEvaluatesClean(t *testing.T) {
	repo := catalog(t)
	doc, diags := repo.Evaluate(t.Context(), evaluator.EvalOptions{AsOf: asOf})
	if diags.HasErrors() || len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	th, _ := result.ParseThreshold("low")
	if code := doc.ExitCode(th); code != result.ExitOK {
		t.Errorf("exit code %d", code)
	}
	for _, r := range doc.Results {
		want := result.StatusPass
		if r.Target == "evidence" {
			want = result.StatusNotTested
		}
		if r.Status != want || len(r.Warnings) > 0 && r.Status == result.StatusPass {
			t.Errorf("%s on %s: %s %v %v, want %s without warnings", r.Control.Label, r.Target, r.Status, r.Findings, r.Warnings, want)
		}
	}
}

func TestCatalogMatrixHasNoGaps(t *testing.T) {
	repo := catalog(t)
	g := repo.Matrix(asOf).Gaps
	for name, gap := range map[string]int{
		"objectives without controls":        len(g.ObjectivesWithoutControls),
		"COSO principles without objectives": len(g.COSOWithoutObjectives),
		"controls without tests":             len(g.ControlsWithoutTests),
		"unused providers":                   len(g.UnusedProviders),
		"expired waivers":                    len(g.ExpiredWaivers),
		"unmonitored subservice orgs":        len(g.UnmonitoredSubservices),
		"unmitigated risks":                  len(g.UnmitigatedRisks),
	} {
		if gap != 0 {
			t.Errorf("%s: %+v", name, g)
		}
	}
	if len(repo.Subservices) == 0 || len(repo.CUECs) == 0 {
		t.Error("the catalog lists no subservice organization or no CUEC")
	}
}

// TestCatalogRiskRegister: the starter register holds ten risks or more,
// each threatening an objective and mitigated by catalog controls, at least
// one of them passing when the catalog is evaluated (no risk gap), and the
// fraud risks belong to principle 8.
func TestCatalogRiskRegister(t *testing.T) {
	repo := catalog(t)
	if len(repo.Risks) < 10 {
		t.Fatalf("%d risks, want 10 or more", len(repo.Risks))
	}
	fraud := 0
	for _, r := range repo.Risks {
		if r.Ref == "" || r.Title == "" || r.Description == "" || len(r.Objectives) == 0 || len(r.MitigatedBy) == 0 || len(r.COSO) == 0 {
			t.Errorf("risk %s is incomplete: %+v", r.Label, r)
		}
		if r.Fraud {
			fraud++
		}
	}
	if fraud == 0 {
		t.Error("the register names no fraud risk (principle 8)")
	}
	doc, diags := repo.Evaluate(context.Background(), evaluator.EvalOptions{AsOf: asOf})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if gaps := repo.RiskGaps(evaluator.StatusesOf(doc.Results)); len(gaps) != 0 {
		t.Errorf("risk gaps: %+v", gaps)
	}
}

// TestCatalogMappings: the catalog's controls carry SOC 2 and ISO 27001
// mappings (all but payment_approval_limits, which no criterion of either
// describes), and the pivot covers the criteria a payroll / payments
// organization's security and processing controls answer.
func TestCatalogMappings(t *testing.T) {
	repo := catalog(t)
	var unmapped []string
	for _, c := range repo.Controls {
		if len(c.Mappings["soc2"]) == 0 && len(c.Mappings["iso27001"]) == 0 {
			unmapped = append(unmapped, c.Label)
		}
	}
	if fmt.Sprint(unmapped) != "[payment_approval_limits]" {
		t.Errorf("controls without mappings: %v", unmapped)
	}
	doc, diags := repo.Evaluate(context.Background(), evaluator.EvalOptions{AsOf: asOf})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for framework, covered := range map[string][]string{
		"soc2":     {"CC1.1", "CC3.2", "CC6.1", "CC6.2", "CC6.3", "CC7.2", "CC8.1", "CC9.2", "A1.2", "PI1.2", "PI1.3"},
		"iso27001": {"A.5.3", "A.5.15", "A.5.18", "A.5.22", "A.8.2", "A.8.5", "A.8.13", "A.8.15", "A.8.24", "A.8.32"},
	} {
		m, err := repo.FrameworkMatrix(framework, nil, evaluator.StatusesOf(doc.Results))
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range covered {
			for _, c := range m.Criteria {
				if c.ID == id && c.Status == evaluator.StatusGap {
					t.Errorf("%s %s: no control covers it", framework, id)
				}
			}
		}
		if m.Covered+len(m.Gaps.Uncovered) != len(m.Criteria) {
			t.Errorf("%s: %d covered and %d gaps of %d criteria", framework, m.Covered, len(m.Gaps.Uncovered), len(m.Criteria))
		}
	}
}

// The joins are linear: evaluating 8 times the rows takes about 8 to 20 times
// as long here (allocation and cache effects), where naive nested iteration
// over both inputs takes 64 times as long; the bound sits between the two.
func TestJoinsScaleLinearly(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("a timing test: run without -short and without -race")
	}
	repo := catalog(t)
	for _, j := range joins {
		t.Run(j.pkg, func(t *testing.T) {
			q, err := repo.Policies.Prepare(t.Context(), j.pkg)
			if err != nil {
				t.Fatal(err)
			}
			small, large := fastest(t, q, j.input(250)), fastest(t, q, j.input(2000))
			if ratio := float64(large) / float64(small); ratio > 40 {
				t.Errorf("8× the rows took %.0f× as long (%v → %v): the join is not linear", ratio, small, large)
			} else {
				t.Logf("8× the rows: %.1f× as long (%v → %v)", ratio, small, large)
			}
		})
	}
}

func BenchmarkJoins(b *testing.B) {
	repo := catalog(b)
	for _, j := range joins {
		q, err := repo.Policies.Prepare(b.Context(), j.pkg)
		if err != nil {
			b.Fatal(err)
		}
		for _, n := range []int{1000, 10000} {
			in := j.input(n)
			b.Run(fmt.Sprintf("%s/rows=%d", j.pkg, n), func(b *testing.B) {
				for b.Loop() {
					if _, err := q.Eval(b.Context(), in, 0); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// fastest is the quickest of three evaluations, which also checks that the
// generated input gives the expected deviations.
func fastest(t *testing.T, q *policy.Query, in policy.Input) time.Duration {
	t.Helper()
	best := time.Duration(1<<63 - 1)
	for range 3 {
		start := time.Now()
		d, err := q.Eval(context.Background(), in, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		best = min(best, time.Since(start))
		if len(d.Resources) == 0 || len(d.Deny) == 0 {
			t.Fatalf("the generated input gives %d resources and %d findings: it does not exercise the join", len(d.Resources), len(d.Deny))
		}
	}
	return best
}

// A join policy and a generator of its input with n rows on each side, one in
// ten of them a deviation.
var joins = []struct {
	pkg   string
	input func(n int) policy.Input
}{
	{"soc1.access.terminated_access_removed", func(n int) policy.Input {
		var hr, users []any
		for i := range n {
			num := fmt.Sprintf("E%06d", i)
			hr = append(hr, item(map[string]any{"employee_number": num, "name": num, "email": num + "@example.com", "status": "terminated", "termination_date": "2026-10-01"}))
			status := "DEPROVISIONED"
			if i%10 == 0 {
				status = "ACTIVE"
			}
			users = append(users, map[string]any{"status": status, "statusChanged": "2026-10-01T12:00:00Z", "profile": map[string]any{"login": num + "@example.com", "employeeNumber": num}})
		}
		return input(map[string]any{"hr": map[string]any{"items": hr}, "idp": map[string]any{"items": []any{item(map[string]any{"exported_at": "2026-11-30T12:00:00Z", "users": users})}}})
	}},
	{"soc1.access.access_grants_approved", func(n int) policy.Input {
		var grants, requests []any
		for i := range n {
			user := fmt.Sprintf("u%d@example.com", i)
			grants = append(grants, item(map[string]any{"uuid": fmt.Sprint(i), "published": "2026-11-02T09:00:00Z", "eventType": "group.user_membership.add",
				"outcome": map[string]any{"result": "SUCCESS"}, "actor": map[string]any{"alternateId": "admin@example.com"},
				"target": []any{map[string]any{"type": "User", "alternateId": user}, map[string]any{"type": "UserGroup", "displayName": "engineering"}}}))
			approver := "manager@example.com"
			if i%10 == 0 {
				approver = user
			}
			requests = append(requests, item(map[string]any{"requested_for": user, "group": "engineering", "approved_by": approver, "approved_at": "2026-11-01T09:00:00Z", "status": "approved"}))
		}
		return input(map[string]any{"idp_grants": map[string]any{"items": grants}, "access_requests": map[string]any{"items": requests}})
	}},
	{"soc1.transactions.payroll_reconciled", func(n int) policy.Input {
		var runs, lines []any
		for i := range n {
			id := fmt.Sprintf("PR-%d", i)
			net := "749.50"
			if i%10 == 0 {
				net = "749.49"
			}
			runs = append(runs, item(map[string]any{"run_id": id, "status": "completed", "gross_pay": "1000.00", "employee_taxes": "200.00", "deductions": "50.50", "net_pay": "749.50"}))
			for account, amount := range map[string]string{"6000 Gross wages": "1000.00", "2100 Net pay payable": net, "2200 Payroll taxes payable": "200.00", "2300 Deductions payable": "50.50"} {
				lines = append(lines, item(map[string]any{"run_id": id, "account": account, "debit": amount, "credit": ""}))
			}
		}
		return input(map[string]any{"payroll_runs": map[string]any{"items": runs}, "gl_postings": map[string]any{"items": lines}})
	}},
	{"soc1.change.deployer_not_author", func(n int) policy.Input {
		var prs, deployments []any
		for i := range n {
			commit := fmt.Sprintf("%040d", i)
			author := fmt.Sprintf("dev%d", i)
			prs = append(prs, item(map[string]any{"number": json.Number(fmt.Sprint(i)), "url": fmt.Sprintf("https://github.com/o/r/pull/%d", i), "mergedAt": "2026-11-03T10:00:00Z", "mergeCommit": map[string]any{"oid": commit}, "author": map[string]any{"login": author}}))
			approver := "lead"
			if i%10 == 0 {
				approver = author
			}
			deployments = append(deployments, item(map[string]any{"deployment_id": fmt.Sprint(i), "environment": "production", "commit": commit, "pull_request": fmt.Sprint(i), "deployed_by": "github-actions[bot]", "approved_by": approver}))
		}
		return input(map[string]any{"changes": map[string]any{"items": prs}, "deployments": map[string]any{"items": deployments}})
	}},
}

// item is a file provider's item: a row or an element, where it was read.
func item(v any) any {
	return map[string]any{"file": "generated", "line": json.Number("1"), "value": v}
}

// input converts documents built as the providers build them (JSON types only).
func input(docs map[string]any) policy.Input {
	values := map[string]policy.Value{}
	for k, doc := range docs {
		v, err := policy.Convert(doc)
		if err != nil {
			panic(err)
		}
		values[k] = v
	}
	return policy.NewInput(values)
}
