package evaluator_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/result"
)

const risks = "testdata/valid/risks"

// TestRiskRegister: risk blocks resolve with their scale, score, rating,
// objectives, principles (a fraud risk is principle 8's) and mitigating
// controls, sorted by ref.
func TestRiskRegister(t *testing.T) {
	repo := loadValid(t, risks, evaluator.Options{AsOf: day("2026-09-30")})
	if len(repo.Risks) != 4 {
		t.Fatalf("%d risks", len(repo.Risks))
	}
	var got []string
	for _, r := range repo.Risks {
		got = append(got, fmt.Sprintf("%s %s %dx%d=%d %s coso%v fraud=%v objectives=%d mitigated=%d",
			r.Ref, r.Label, r.Likelihood, r.Impact, r.Score(), r.Rating(), r.COSO, r.Fraud, len(r.Objectives), len(r.MitigatedBy)))
	}
	want := []string{
		"R-1 account_takeover 3x5=15 high coso[7] fraud=false objectives=1 mitigated=2",
		"R-2 user_takeover 4x2=8 medium coso[] fraud=false objectives=1 mitigated=1",
		"R-3 unreviewed_change 2x4=8 medium coso[8 9] fraud=true objectives=1 mitigated=1",
		"R-4 vendor_failure 1x3=3 low coso[] fraud=false objectives=2 mitigated=0",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("register:\n%s\nwant\n%s", got, want)
	}
	for score, rating := range map[int]string{1: "low", 4: "low", 5: "medium", 9: "medium", 10: "high", 16: "high", 20: "critical", 25: "critical"} {
		if r := evaluator.RiskRating(score); r != rating {
			t.Errorf("rating of %d: %s, want %s", score, r, rating)
		}
	}
}

// TestRiskGaps: a risk without mitigating control is a gap with or without
// a run; with the latest run, a risk is mitigated only when one of its
// controls passed (R-1: admin_mfa passes though user_mfa fails), and not
// when they failed, tested nothing (R-3: a manual control without
// evidence) or were not evaluated.
func TestRiskGaps(t *testing.T) {
	repo := loadValid(t, risks, evaluator.Options{AsOf: day("2026-09-30")})
	if g := repo.RiskGaps(nil); len(g) != 1 || g[0].Risk != "vendor_failure" || g[0].Reason != "unmitigated" {
		t.Errorf("without a run: %+v", g)
	}
	doc := evalAt(t, repo, "2026-09-30")
	latest := evaluator.StatusesOf(doc.Results)
	if latest["user_mfa"] != result.StatusFail || latest["admin_mfa"] != result.StatusPass || latest["change_review"] != result.StatusNotTested {
		t.Fatalf("statuses %v", latest)
	}
	b, _ := json.Marshal(repo.RiskGaps(latest))
	want := `[{"risk":"user_takeover","ref":"R-2","title":"A user account is taken over","reason":"not_operating","controls":[{"control":"control.user_mfa","status":"fail"}]},` +
		`{"risk":"unreviewed_change","ref":"R-3","title":"A developer deploys an unreviewed change to payroll calculations","reason":"not_operating","controls":[{"control":"control.change_review","status":"not_tested"}]},` +
		`{"risk":"vendor_failure","ref":"R-4","title":"The payments bank fails to settle a batch","reason":"unmitigated","controls":[]}]`
	if string(b) != want {
		t.Errorf("gaps\n%s\nwant\n%s", b, want)
	}
	// A control the latest run did not evaluate does not mitigate.
	delete(latest, "admin_mfa")
	gaps := repo.RiskGaps(latest)
	if len(gaps) != 4 || gaps[0].Risk != "account_takeover" || gaps[0].Controls[0].Status != evaluator.NotRun {
		t.Errorf("without admin_mfa: %+v", gaps)
	}

	m := repo.Matrix(day("2026-09-30"))
	if fmt.Sprint(m.Gaps.UnmitigatedRisks) != "[vendor_failure]" || len(m.Gaps.RisksNotMitigated) != 0 || m.Risks[0].MitigatedBy[0].Status != "" {
		t.Errorf("matrix before judging: %+v %+v", m.Gaps, m.Risks[0])
	}
	m.WithStatuses(repo, evaluator.StatusesOf(doc.Results))
	if fmt.Sprint(m.Gaps.RisksNotMitigated) != "[user_takeover unreviewed_change]" || m.Risks[0].MitigatedBy[1].Status != "fail" || m.Risks[0].Score != 15 {
		t.Errorf("matrix judged: %+v %+v", m.Gaps, m.Risks[0])
	}
}

// TestStatusesOf: an address without key takes the worst of its instances.
func TestStatusesOf(t *testing.T) {
	s := evaluator.Statuses{}
	s.Add(`m["a"]`, result.StatusPass)
	s.Add(`m["b"]`, result.StatusNotTested)
	s.Add(`m["b"]`, result.StatusPass)
	if st, ok := s.Of(addrs.Control{Name: "m", Key: addrs.NoKey}); !ok || st != result.StatusNotTested {
		t.Errorf("m: %s %v", st, ok)
	}
	if st, ok := s.Of(addrs.Control{Name: "m", Key: addrs.StringKey("a")}); !ok || st != result.StatusPass {
		t.Errorf(`m["a"]: %s %v`, st, ok)
	}
	if _, ok := s.Of(addrs.Control{Name: "n", Key: addrs.NoKey}); ok {
		t.Error("n has no status")
	}
}

// TestExplainRisksAndMappings: socle explain names the risks a control
// mitigates and its mappings, merged with its objective's.
func TestExplainRisksAndMappings(t *testing.T) {
	repo := loadValid(t, risks, evaluator.Options{AsOf: day("2026-09-30")})
	e, err := repo.Explain("admin_mfa", day("2026-09-30"))
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Risks) != 1 || e.Risks[0].Label != "account_takeover" || e.Risks[0].Score != 15 || e.Risks[0].Rating != "high" {
		t.Errorf("risks %+v", e.Risks)
	}
	if fmt.Sprint(e.Mappings) != "map[iso27001:[A.5.15 A.8.2 A.8.5] soc2:[CC6.1 CC6.3]]" {
		t.Errorf("mappings %v", e.Mappings)
	}
	if e, _ := repo.Explain("change_review", day("2026-09-30")); len(e.Risks) != 1 || !e.Risks[0].Fraud {
		t.Errorf("change_review risks %+v", e.Risks)
	}
}
