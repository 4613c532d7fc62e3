package evaluator_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/result"
)

var fixedNow = time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)

func fixedClock() time.Time { return fixedNow }

func evaluate(t *testing.T, dir string, opts evaluator.EvalOptions) (*result.Document, []string) {
	t.Helper()
	repo := loadValid(t, dir, evaluator.Options{AsOf: fixedNow})
	if opts.AsOf.IsZero() {
		opts.AsOf = fixedNow
	}
	if opts.Now == nil {
		opts.Now = fixedClock
	}
	if opts.RunID == "" {
		opts.RunID = "00000000-0000-0000-0000-000000000000"
	}
	doc, diags := repo.Evaluate(context.Background(), opts)
	var msgs []string
	for _, d := range diags {
		msgs = append(msgs, describe(d))
	}
	return doc, msgs
}

func resultFor(t *testing.T, doc *result.Document, label string) *result.Result {
	t.Helper()
	for _, r := range doc.Results {
		if r.Control.Label == label {
			return r
		}
	}
	t.Fatalf("no result for %s", label)
	return nil
}

func TestEvaluateSemantics(t *testing.T) {
	doc, diags := evaluate(t, "testdata/valid/semantics", evaluator.EvalOptions{Timeout: 300 * time.Millisecond})

	tests := []struct {
		label      string
		status     result.Status
		population int // -1: null
		unwaived   int
		waived     int
	}{
		{"passes", result.StatusPass, 3, 0, 0},
		{"fails", result.StatusFail, 3, 2, 0},
		{"waived", result.StatusPass, 3, 0, 2},
		{"expired", result.StatusFail, 3, 2, 0},
		{"empty", result.StatusNotTested, 0, 0, 0},
		{"deny_only", result.StatusFail, 2, 2, 0}, // the population is the denied resources
		{"target_wide", result.StatusFail, 3, 1, 0},
		{"target_wide_waived", result.StatusPass, 3, 0, 1},
		{"runtime_error", result.StatusError, -1, 0, 0},
		{"slow", result.StatusError, -1, 0, 0},
		{"join", result.StatusFail, 2, 1, 0},
		{"broken_input", result.StatusError, -1, 0, 0},
	}
	for _, tt := range tests {
		r := resultFor(t, doc, tt.label)
		if r.Status != tt.status {
			t.Errorf("%s: status %s, want %s (error: %v)", tt.label, r.Status, tt.status, deref(r.Error))
		}
		switch {
		case tt.population < 0 && (r.Population != nil || r.Findings != nil):
			t.Errorf("%s: an errored result reports population %v and findings %v; both must be null", tt.label, r.Population, r.Findings)
		case tt.population >= 0 && (r.Population == nil || *r.Population != tt.population):
			t.Errorf("%s: population %v, want %d", tt.label, r.Population, tt.population)
		}
		unwaived, waived := 0, 0
		for _, f := range r.Findings {
			if f.Waived {
				waived++
				if f.Waiver == nil || f.Waiver.ApprovedBy == "" || f.Waiver.Expires == "" {
					t.Errorf("%s: waived finding without its waiver: %+v", tt.label, f)
				}
			} else {
				unwaived++
			}
		}
		if unwaived != tt.unwaived || waived != tt.waived {
			t.Errorf("%s: %d unwaived + %d waived findings, want %d + %d", tt.label, unwaived, waived, tt.unwaived, tt.waived)
		}
		if r.Status != result.StatusError && r.Error != nil {
			t.Errorf("%s: error set on a %s result", tt.label, r.Status)
		}
	}

	if r := resultFor(t, doc, "fails"); len(r.Warnings) != 2 || r.Warnings[0].Resource != "bob" {
		t.Errorf("warn findings not reported: %+v", r.Warnings)
	}
	if r := resultFor(t, doc, "slow"); !strings.Contains(deref(r.Error), "did not finish within the time limit of 300ms") {
		t.Errorf("slow: error %q", deref(r.Error))
	}
	if r := resultFor(t, doc, "runtime_error"); !strings.Contains(deref(r.Error), "conflict") {
		t.Errorf("runtime_error: error %q", deref(r.Error))
	}
	if r := resultFor(t, doc, "broken_input"); !strings.Contains(deref(r.Error), "could not be loaded") {
		t.Errorf("broken_input: error %q", deref(r.Error))
	}
	if r := resultFor(t, doc, "join"); r.InputSHA256["hr"] == "" || r.InputSHA256["idp"] == "" || r.Target != "hr=file.hr,idp=file.idp" {
		t.Errorf("join: inputs %v target %s", r.InputSHA256, r.Target)
	}
	if r := resultFor(t, doc, "fails"); r.Policy.SHA256 == "" || r.Policy.SHA256 == resultFor(t, doc, "passes").Policy.SHA256 {
		t.Errorf("policy hashes must be per package: %s", r.Policy.SHA256)
	}
	want := result.Summary{Pass: 3, Fail: 5, Error: 3, NotTested: 1}
	if doc.Summary != want {
		t.Errorf("summary %+v, want %+v", doc.Summary, want)
	}

	// The snapshot that does not parse is reported with its file and position;
	// the expired waiver is reported; the waiver that matched nothing is reported.
	wantDiags := []string{
		"testdata/valid/semantics/snapshots/broken.json:3 ERROR",
		`Waiver matched nothing: The waiver "resource_listed"`,
	}
	for _, w := range wantDiags {
		found := false
		for _, d := range diags {
			if strings.Contains(d, w) {
				found = true
			}
		}
		if !found {
			t.Errorf("no diagnostic containing %q in\n%s", w, strings.Join(diags, "\n"))
		}
	}
	if code := doc.ExitCode(result.Threshold{}); code != result.ExitNotOperated {
		t.Errorf("exit code %d, want 3", code)
	}
}

func TestEvaluateDeterministic(t *testing.T) {
	opts := evaluator.EvalOptions{Timeout: 200 * time.Millisecond, PlanOptions: evaluator.PlanOptions{Controls: []string{"[1-9]", "11"}}}
	a, _ := evaluate(t, "testdata/valid/semantics", opts)
	for range 5 {
		opts.Workers = 8
		b, _ := evaluate(t, "testdata/valid/semantics", opts)
		if len(a.Results) != len(b.Results) {
			t.Fatal("result count differs between runs")
		}
		for i := range a.Results {
			ra, rb := a.Results[i], b.Results[i]
			if ra.Control.Label != rb.Control.Label || ra.Status != rb.Status || len(ra.Findings) != len(rb.Findings) {
				t.Fatalf("run differs at %d: %s/%s vs %s/%s", i, ra.Control.Label, ra.Status, rb.Control.Label, rb.Status)
			}
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
