package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// historyRepo is the policy repository of TestPeriodHistory: four controls
// with different frequencies, each on its own file snapshot.
const historyRepo = `socle {
  organization = "History test"
  timeout      = "10s"
}

objective "access" {
  ref   = "CO-1"
  title = "Logical access"
  coso  = [10, 11]
}

objective "operations" {
  ref   = "CO-2"
  title = "Operations"
  coso  = [12]
}

provider "file" {
  alias    = "idp"
  snapshot = "snapshots/users.json"
}

provider "file" {
  alias    = "review"
  snapshot = "snapshots/review.json"
}

provider "file" {
  alias    = "backups"
  snapshot = "snapshots/backups.json"
}

provider "file" {
  alias    = "dr"
  snapshot = "snapshots/dr.json"
}

control "mfa" {
  ref       = "1.1"
  objective = objective.access
  title     = "MFA for every user"
  policy    = "hist.users"
  providers = [file.idp]
  frequency = "daily"
  severity  = "medium"
}

control "review" {
  ref       = "1.2"
  objective = objective.access
  title     = "Access is reviewed every month"
  policy    = "hist.review"
  providers = [file.review]
  frequency = "monthly"
  severity  = "medium"
}

control "backups" {
  ref       = "2.1"
  objective = objective.operations
  title     = "Backups succeed every week"
  policy    = "hist.backups"
  providers = [file.backups]
  frequency = "weekly"
  severity  = "high"
}

control "drtest" {
  ref       = "2.2"
  objective = objective.operations
  title     = "Disaster recovery is tested every quarter"
  policy    = "hist.dr"
  providers = [file.dr]
  frequency = "quarterly"
  severity  = "low"
}
`

const (
	usersPolicyV1 = `package hist.users

resources contains u.value.id if some u in input.file.items

deny contains {"resource": u.value.id, "message": sprintf("%s has no MFA", [u.value.id])} if {
	some u in input.file.items
	not u.value.mfa
}
`
	// From 2026-04-01: SMS no longer counts as MFA.
	usersPolicyV2 = usersPolicyV1 + `
deny contains {"resource": u.value.id, "message": sprintf("%s uses SMS", [u.value.id])} if {
	some u in input.file.items
	u.value.method == "sms"
}
`
	reviewPolicy = `package hist.review

resources contains r.value.id if some r in input.file.items

deny contains {"resource": r.value.id, "message": sprintf("%s was not signed off", [r.value.id])} if {
	some r in input.file.items
	not r.value.signed_off
}
`
	backupsPolicy = `package hist.backups

resources contains b.value.id if some b in input.file.items

deny contains {"resource": b.value.id, "message": sprintf("%s backup failed", [b.value.id])} if {
	some b in input.file.items
	not b.value.ok
}
`
	drPolicy = `package hist.dr

resources contains d.value.id if some d in input.file.items

deny contains {"resource": d.value.id, "message": sprintf("%s was not restored", [d.value.id])} if {
	some d in input.file.items
	not d.value.restored
}
`
)

// TestPeriodHistory records a synthetic 180-day history, one `socle eval
// --record --as-of DAY` per day against snapshots that change over time, and
// checks the period result exactly. The scenario (every number below is
// derived from it by hand):
//
//   - mfa (daily) runs every day but 2026-05-20 and 2026-06-13 (no run at
//     all: 2 missing days); bob has no MFA on 2026-02-14 and 2026-03-03
//     (failed); the users snapshot is truncated on 2026-04-10 (errored: the
//     control did not operate that day). The policy changes on 2026-04-01: two versions,
//     2026-01-01..2026-03-31 and 2026-04-01..2026-06-29.
//   - review (monthly) runs on the 1st of each month but April (missing
//     2026-04); it fails on 2026-03-01, and on 2026-05-01 where it is rerun
//     and passes on 2026-05-15 (the month still failed).
//   - backups (weekly) runs on 2026-01-01 (week 2026-W01 began before the
//     period) and every Monday but 2026-03-16 (2026-W12 missing); the backup
//     fails on 2026-02-09 (W07) and 2026-05-04 (W19); the backups snapshot is
//     missing on 2026-06-01 (W23 errored: it did not operate that week).
//   - drtest (quarterly) runs on 2026-01-01 and 2026-04-01 and passes.
//
// The period 2026-01-01..2026-06-29 has 180 days, ISO weeks 2026-W01 (from
// Thursday 1 January) to 2026-W27 (Monday 29 June only): 27, 6 months and 2
// quarters.
func TestPeriodHistory(t *testing.T) {
	start := time.Now()
	dir := filepath.Join(t.TempDir(), "repo")
	store := "sqlite://" + filepath.Join(t.TempDir(), "history.db")
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	remove := func(name string) {
		t.Helper()
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	write("main.hcl", historyRepo)
	write("policies/users.rego", usersPolicyV1)
	write("policies/review.rego", reviewPolicy)
	write("policies/backups.rego", backupsPolicy)
	write("policies/dr.rego", drPolicy)

	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2026, 6, 29, 0, 0, 0, 0, time.UTC)
	is := func(day string, days ...string) bool { return slices.Contains(days, day) }
	runs := 0
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		day := d.Format(time.DateOnly)
		if is(day, "2026-05-20", "2026-06-13") {
			continue // nobody ran socle that day
		}
		if day == "2026-04-01" {
			write("policies/users.rego", usersPolicyV2)
		}

		// The snapshots of the day. The directory grows by one user a month.
		var users []string
		names := []string{"alice", "bob", "carol", "dave", "erin", "frank", "grace"}
		for i, n := range names[:1+int(d.Month())] {
			mfa := !(n == "bob" && is(day, "2026-02-14", "2026-03-03"))
			users = append(users, fmt.Sprintf(`{"id": %q, "mfa": %t, "method": %q, "joined": "2026-%02d-01"}`, n, mfa, "totp", max(i, 1)))
		}
		if day == "2026-04-10" {
			write("snapshots/users.json", `[{"id": "alice", "mfa": tr`) // truncated
		} else {
			write("snapshots/users.json", "["+strings.Join(users, ", ")+"]")
		}
		write("snapshots/review.json", fmt.Sprintf(`[{"id": "review-%s", "signed_off": %t, "reviewer": "carol"}]`, d.Format("2006-01"), !is(day, "2026-03-01", "2026-05-01")))
		if day == "2026-06-01" {
			remove("snapshots/backups.json")
		} else {
			write("snapshots/backups.json", fmt.Sprintf(`[{"id": "payroll-db", "ok": %t, "taken": %q}, {"id": "ledger-db", "ok": true, "taken": %q}]`, !is(day, "2026-02-09", "2026-05-04"), day, day))
		}
		write("snapshots/dr.json", fmt.Sprintf(`[{"id": "dr-%s", "restored": true}]`, day))

		// The controls due that day.
		args := []string{"eval", ".", "--record", "--as-of", day, "--fail-on", "none", "--store", store, "--control", "mfa"}
		if d.Day() == 1 && d.Month() != time.April || day == "2026-05-15" {
			args = append(args, "--control", "review")
		}
		if (day == "2026-01-01" || d.Weekday() == time.Monday) && day != "2026-03-16" {
			args = append(args, "--control", "backups")
		}
		if is(day, "2026-01-01", "2026-04-01") {
			args = append(args, "--control", "drtest")
		}
		r := socleEnv(t, dir, nil, args...)
		wantCode := 0
		if is(day, "2026-04-10", "2026-06-01") {
			wantCode = 2 // a snapshot is wrong; the run is recorded all the same
		}
		if r.code != wantCode || !strings.Contains(r.stderr, "Recorded run ") {
			t.Fatalf("%v: exit %d, want %d\n%s%s", args, r.code, wantCode, r.stdout, r.stderr)
		}
		runs++
	}
	t.Logf("%d runs recorded in %v", runs, time.Since(start).Round(time.Millisecond))

	r := socleEnv(t, dir, nil, "report", ".", "--period", "2026-01-01..2026-06-29", "--format", "json", "--store", store)
	if r.code != 0 {
		t.Fatalf("report: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	type policy struct {
		SHA256 string `json:"sha256"`
		First  string `json:"first"`
		Last   string `json:"last"`
	}
	type control struct {
		Objective          string   `json:"objective"`
		ObjectiveRef       string   `json:"objective_ref"`
		Control            string   `json:"control"`
		Ref                string   `json:"ref"`
		Target             string   `json:"target"`
		Frequency          string   `json:"frequency"`
		Occurrence         string   `json:"occurrence"`
		Expected           int      `json:"expected"`
		Covered            int      `json:"covered"`
		Failed             int      `json:"failed"`
		Errored            int      `json:"errored"`
		Missing            int      `json:"missing"`
		FailedOccurrences  []string `json:"failed_occurrences"`
		ErroredOccurrences []string `json:"errored_occurrences"`
		MissingOccurrences []string `json:"missing_occurrences"`
		Policies           []policy `json:"policies"`
		Waivers            []any    `json:"waivers"`
		Records            int      `json:"records"`
		Conclusion         string   `json:"conclusion"`
	}
	var rep struct {
		From     string
		To       string
		Controls []control
	}
	var raw []json.RawMessage
	rep.From, rep.To, raw = periodOf(t, r.stdout)
	for _, m := range raw {
		dec := json.NewDecoder(strings.NewReader(string(m)))
		dec.DisallowUnknownFields()
		var c control
		if err := dec.Decode(&c); err != nil {
			t.Fatalf("%v\n%s", err, m)
		}
		rep.Controls = append(rep.Controls, c)
	}

	// A policy version is the sha256 of the lines "<module sha256>  <path>\n"
	// of the modules the package uses (docs/evidence-store.md).
	version := func(path, source string) string {
		m := sha256.Sum256([]byte(source))
		v := sha256.Sum256([]byte(hex.EncodeToString(m[:]) + "  " + path + "\n"))
		return hex.EncodeToString(v[:])
	}
	want := []control{
		{
			Objective: "access", ObjectiveRef: "CO-1", Control: "mfa", Ref: "1.1", Target: "file.idp", Frequency: "daily", Occurrence: "day",
			Expected: 180, Covered: 178, Failed: 2, Errored: 1, Missing: 2,
			FailedOccurrences:  []string{"2026-02-14", "2026-03-03"},
			ErroredOccurrences: []string{"2026-04-10"},
			MissingOccurrences: []string{"2026-05-20", "2026-06-13"},
			Policies: []policy{
				{version("policies/users.rego", usersPolicyV1), "2026-01-01", "2026-03-31"},
				{version("policies/users.rego", usersPolicyV2), "2026-04-01", "2026-06-29"},
			},
			Waivers: []any{}, Records: 178,
			Conclusion: "Exceptions noted: the control failed on 2 of 180 days (2026-02-14, 2026-03-03) and did not operate on 3 days (2026-04-10, 2026-05-20, 2026-06-13).",
		},
		{
			Objective: "access", ObjectiveRef: "CO-1", Control: "review", Ref: "1.2", Target: "file.review", Frequency: "monthly", Occurrence: "month",
			Expected: 6, Covered: 5, Failed: 2, Missing: 1,
			FailedOccurrences:  []string{"2026-03", "2026-05"},
			ErroredOccurrences: []string{},
			MissingOccurrences: []string{"2026-04"},
			Policies:           []policy{{version("policies/review.rego", reviewPolicy), "2026-01-01", "2026-06-01"}},
			Waivers:            []any{}, Records: 6,
			Conclusion: "Exceptions noted: the control failed on 2 of 6 months (2026-03, 2026-05) and did not operate on 1 month (2026-04).",
		},
		{
			Objective: "operations", ObjectiveRef: "CO-2", Control: "backups", Ref: "2.1", Target: "file.backups", Frequency: "weekly", Occurrence: "week",
			Expected: 27, Covered: 26, Failed: 2, Errored: 1, Missing: 1,
			FailedOccurrences:  []string{"2026-W07", "2026-W19"},
			ErroredOccurrences: []string{"2026-W23"},
			MissingOccurrences: []string{"2026-W12"},
			Policies:           []policy{{version("policies/backups.rego", backupsPolicy), "2026-01-01", "2026-06-29"}},
			Waivers:            []any{}, Records: 26,
			Conclusion: "Exceptions noted: the control failed on 2 of 27 weeks (2026-W07, 2026-W19) and did not operate on 2 weeks (2026-W12, 2026-W23).",
		},
		{
			Objective: "operations", ObjectiveRef: "CO-2", Control: "drtest", Ref: "2.2", Target: "file.dr", Frequency: "quarterly", Occurrence: "quarter",
			Expected: 2, Covered: 2, Failed: 0, Missing: 0,
			FailedOccurrences:  []string{},
			ErroredOccurrences: []string{},
			MissingOccurrences: []string{},
			Policies:           []policy{{version("policies/dr.rego", drPolicy), "2026-01-01", "2026-04-01"}},
			Waivers:            []any{}, Records: 2,
			Conclusion: "No exceptions noted.",
		},
	}
	if rep.From != "2026-01-01" || rep.To != "2026-06-29" {
		t.Errorf("period: %s..%s", rep.From, rep.To)
	}
	if len(rep.Controls) != len(want) {
		t.Fatalf("report: %d controls, want %d\n%s", len(rep.Controls), len(want), r.stdout)
	}
	for i, w := range want {
		g, _ := json.MarshalIndent(rep.Controls[i], "", "  ")
		e, _ := json.MarshalIndent(w, "", "  ")
		if string(g) != string(e) {
			t.Errorf("control %d (%s):%s\n got %s\nwant %s", i, w.Control, lineDiff(string(g), string(e)), g, e)
		}
	}

	// The history is the chain the store holds: 178 runs, 178 + 6 + 26 + 2
	// records.
	v := socleEnv(t, dir, nil, "evidence", "verify", "--store", store)
	if v.code != 0 || !strings.Contains(v.stdout, fmt.Sprintf("is intact: %d runs, %d records, ", runs, 178+6+26+2)) || !strings.Contains(v.stdout, fmt.Sprintf("head #%d", runs)) {
		t.Errorf("evidence verify: exit %d\n%s%s", v.code, v.stdout, v.stderr)
	}
	t.Logf("TestPeriodHistory took %v", time.Since(start).Round(time.Millisecond))
}

// lineDiff names the lines of got and want that differ, when both have as
// many lines (the same shape); else nothing.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	if len(g) != len(w) {
		return ""
	}
	var b strings.Builder
	for i := range g {
		if g[i] != w[i] {
			fmt.Fprintf(&b, "\n  got  %s\n  want %s", strings.TrimSpace(g[i]), strings.TrimSpace(w[i]))
		}
	}
	return b.String()
}
