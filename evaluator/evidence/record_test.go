package evidence_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/socle-dev/socle/evaluator/evidence"
	"github.com/socle-dev/socle/evaluator/result"
)

func sample() (result.Run, *result.Result) {
	n := 3
	run := result.Run{
		ID: "run-1", AsOf: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), StartedAt: time.Date(2026, 11, 25, 1, 2, 3, 0, time.UTC),
		SocleVersion: "0.1.0", OPAVersion: "1.22.2", Context: map[string]string{"git_commit": "abc"},
	}
	w := &result.Waiver{Label: "bg", Reason: "sealed", ApprovedBy: "CISO", Expires: "2027-01-01"}
	r := &result.Result{
		Control:     result.Control{Label: "iam_mfa", Ref: "4.1", Title: "MFA <all>", Severity: "high", Frequency: "daily"},
		Objective:   result.Objective{Label: "logical_access", Ref: "CO-4", COSO: []int{10, 11}},
		Target:      "aws.prod",
		Inputs:      []result.Input{{Key: "aws", Provider: "aws.prod", Type: "aws", Alias: "prod"}},
		Status:      result.StatusFail,
		Population:  &n,
		Resources:   []string{"alice", "bob", "breakglass"},
		InputSHA256: map[string]string{"aws": "00"},
		Policy:      result.Policy{Package: "socle.aws.iam_mfa", SHA256: "11"},
		Findings: []result.Finding{
			{Resource: "bob", Message: "bob has no MFA"},
			{Resource: "breakglass", Message: "breakglass has no MFA", Waived: true, Waiver: w},
			{Message: "password-only sign-in allowed", Waived: true, Waiver: w},
		},
		Warnings: []result.Finding{},
	}
	return run, r
}

func TestFromResultVerdicts(t *testing.T) {
	run, r := sample()
	rec := evidence.FromResult(run, r)
	want := map[string]string{"alice": "pass", "bob": "fail", "breakglass": "waived"}
	if len(rec.Verdicts) != 3 {
		t.Fatalf("verdicts: %+v", rec.Verdicts)
	}
	for _, v := range rec.Verdicts {
		if want[v.Resource] != v.Verdict {
			t.Errorf("%s: verdict %s, want %s", v.Resource, v.Verdict, want[v.Resource])
		}
	}
	if rec.Verdicts[2].Waiver != "bg" || len(rec.Waivers) != 1 || len(rec.TargetWide) != 1 {
		t.Errorf("waivers not recorded: %+v / %+v / %+v", rec.Verdicts[2], rec.Waivers, rec.TargetWide)
	}
	if rec.Target.Inputs[0].Alias != "prod" || rec.COSO[1] != 11 || rec.Context["git_commit"] != "abc" {
		t.Errorf("record fields: %+v", rec)
	}
}

func TestCanonical(t *testing.T) {
	run, r := sample()
	a, err := evidence.FromResult(run, r).Canonical()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := evidence.FromResult(run, r).Canonical()
	if string(a) != string(b) {
		t.Fatal("canonical JSON differs between two encodings of the same record")
	}
	s := string(a)
	if strings.ContainsAny(s, "\n\t") || strings.Contains(s, ": ") || strings.Contains(s, `\u003c`) {
		t.Errorf("not canonical (whitespace or HTML escaping): %s", s)
	}
	// Keys sorted at every level.
	if i, j := strings.Index(s, `"as_of"`), strings.Index(s, `"control"`); i > j {
		t.Errorf("keys not sorted: %s", s)
	}
	var back map[string]any
	if err := json.Unmarshal(a, &back); err != nil {
		t.Fatalf("canonical JSON does not parse: %v", err)
	}
}

func TestHashDetectsEdits(t *testing.T) {
	run, r := sample()
	h1, _ := evidence.FromResult(run, r).SHA256()
	h2, _ := evidence.FromResult(run, r).SHA256()
	if h1 != h2 || len(h1) != 64 {
		t.Fatalf("hash unstable: %s %s", h1, h2)
	}
	r.Findings[0].Message = "bob has MFA" // an edit an auditor must detect
	h3, _ := evidence.FromResult(run, r).SHA256()
	if h3 == h1 {
		t.Error("editing a message did not change the hash")
	}
}
