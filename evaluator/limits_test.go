package evaluator_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/result"
)

// limitsRepo writes a repository with one file input of n users and a
// policy denying each, under the given limits block, and loads it.
func limitsRepo(t *testing.T, limits, policy string, n int) (*evaluator.Repo, string) {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "main.hcl"), []byte(`socle {
  limits {
`+limits+`
  }
}

objective "o" {
  ref   = "CO-1"
  title = "Limits"
}

provider "file" {
  snapshot = "snapshots/users.json"
}

control "c" {
  ref       = "1.1"
  objective = objective.o
  title     = "Every user is denied"
  policy    = "limits"
  providers = [file]
}
`))
	if policy == "" {
		policy = `package limits

resources contains u.value.id if some u in input.file.items

deny contains {"resource": u.value.id, "message": sprintf("%s: %s", [u.value.id, u.value.note])} if some u in input.file.items
`
	}
	writeFile(t, filepath.Join(dir, "policies", "limits.rego"), []byte(policy))
	var users []string
	for i := range n {
		users = append(users, fmt.Sprintf(`{"id": "user%05d", "note": "%s"}`, i, strings.Repeat("é", 100)))
	}
	writeFile(t, filepath.Join(dir, "snapshots", "users.json"), []byte("["+strings.Join(users, ",\n")+"]"))
	repo := loadValid(t, dir, evaluator.Options{AsOf: fixedNow})
	return repo, dir
}

func runLimits(t *testing.T, repo *evaluator.Repo) (*result.Result, []string) {
	t.Helper()
	doc, diags := repo.Evaluate(context.Background(), evaluator.EvalOptions{AsOf: fixedNow, Now: fixedClock})
	var msgs []string
	for _, d := range diags {
		msgs = append(msgs, describe(d))
	}
	if len(doc.Results) != 1 {
		t.Fatalf("%d results", len(doc.Results))
	}
	return doc.Results[0], msgs
}

func TestLimitsDefaults(t *testing.T) {
	repo, _ := limitsRepo(t, "", "", 3)
	if got, want := repo.Settings.Limits, evaluator.DefaultLimits; got != want {
		t.Errorf("limits %+v, want the defaults %+v", got, want)
	}
	if want := (evaluator.Limits{InputSize: 256 << 20, InputItems: 1_000_000, ControlTimeout: 10 * time.Second, RunTimeout: 30 * time.Minute, MessageSize: 4096, Findings: 1000}); evaluator.DefaultLimits != want {
		t.Errorf("DefaultLimits %+v, want %+v", evaluator.DefaultLimits, want)
	}
	res, _ := runLimits(t, repo)
	if res.Status != result.StatusFail || len(res.Findings) != 3 {
		t.Errorf("under the defaults: %s with %d findings", res.Status, len(res.Findings))
	}
}

func TestLimitInputSize(t *testing.T) {
	repo, _ := limitsRepo(t, `input_size = "1KiB"`, "", 20)
	res, msgs := runLimits(t, repo)
	if res.Status != result.StatusError || !strings.Contains(deref(res.Error), "past its size limit of 1KiB") {
		t.Errorf("status %s, error %v", res.Status, deref(res.Error))
	}
	joined := strings.Join(msgs, "\n")
	if !strings.Contains(joined, "snapshots/users.json") || !strings.Contains(joined, "Input too large") || !strings.Contains(joined, "limits { input_size }") {
		t.Errorf("diagnostics do not name the file and the limit:\n%s", joined)
	}
	// Under the limit it loads.
	repo, _ = limitsRepo(t, `input_size = 1048576`, "", 20)
	if res, _ := runLimits(t, repo); res.Status != result.StatusFail {
		t.Errorf("under the limit: %s %v", res.Status, deref(res.Error))
	}
}

func TestLimitInputItems(t *testing.T) {
	repo, _ := limitsRepo(t, `input_items = 5`, "", 6)
	res, msgs := runLimits(t, repo)
	want := "input file holds 6 items, past the limit of 5; raise limits { input_items }"
	if res.Status != result.StatusError || !strings.Contains(deref(res.Error), want) {
		t.Errorf("status %s, error %q, want %q", res.Status, deref(res.Error), want)
	}
	if !strings.Contains(strings.Join(msgs, "\n"), "input past its limit") {
		t.Errorf("no diagnostic: %q", msgs)
	}
	repo, _ = limitsRepo(t, `input_items = 6`, "", 6)
	if res, _ := runLimits(t, repo); res.Status != result.StatusFail {
		t.Errorf("at the limit: %s %v", res.Status, deref(res.Error))
	}
}

const slowPolicy = `package limits

resources contains "x" if {
	some i in numbers.range(1, 100000000)
	i < 0
}
`

func TestLimitControlTimeout(t *testing.T) {
	repo, _ := limitsRepo(t, `control_timeout = "200ms"`, slowPolicy, 1)
	if repo.Settings.Timeout != 200*time.Millisecond {
		t.Errorf("Settings.Timeout %s", repo.Settings.Timeout)
	}
	start := time.Now()
	res, _ := runLimits(t, repo)
	if res.Status != result.StatusError || !strings.Contains(deref(res.Error), "did not finish within the time limit of 200ms") {
		t.Errorf("status %s, error %q", res.Status, deref(res.Error))
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %s", d)
	}
}

func TestLimitRunTimeout(t *testing.T) {
	repo, _ := limitsRepo(t, `run_timeout = "300ms"`, slowPolicy, 1)
	start := time.Now()
	res, msgs := runLimits(t, repo)
	if res.Status != result.StatusError || !strings.Contains(deref(res.Error), "did not finish within its time limit of 300ms; raise limits { run_timeout }") {
		t.Errorf("status %s, error %q", res.Status, deref(res.Error))
	}
	if !strings.Contains(strings.Join(msgs, "\n"), "Run time limit reached") {
		t.Errorf("no warning: %q", msgs)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %s", d)
	}
}

func TestLimitMessagesAndFindings(t *testing.T) {
	repo, _ := limitsRepo(t, "message_size = \"100B\"\n    findings = 4", "", 10)
	doc, _ := repo.Evaluate(context.Background(), evaluator.EvalOptions{AsOf: fixedNow, Now: fixedClock})
	full := doc.Results[0]
	if full.Status != result.StatusFail || len(full.Findings) != 10 {
		t.Fatalf("the engine's result: %s with %d findings (every finding is kept for the evidence store)", full.Status, len(full.Findings))
	}
	shown := repo.LimitOutput(doc).Results[0]
	if len(shown.Findings) != 4 || shown.FindingsOmitted != 6 {
		t.Errorf("shown %d findings, %d omitted; want 4 and 6", len(shown.Findings), shown.FindingsOmitted)
	}
	if len(full.Findings) != 10 || full.FindingsOmitted != 0 {
		t.Errorf("LimitOutput changed the document it was given")
	}
	for _, f := range shown.Findings {
		// "userNNNNN: " is 11 bytes, then 2-byte runes: cut at 100 bytes on a rune boundary.
		prefix, note, ok := strings.Cut(f.Message, " … [truncated by socle: ")
		if !ok || len(prefix) > 100 || !strings.HasSuffix(f.Message, "more bytes; limits { message_size } in the socle block]") {
			t.Errorf("message not cut with a note: %q", f.Message)
		}
		if !strings.HasPrefix(note, "112 more bytes") {
			t.Errorf("note %q, want 112 more bytes (211 - 99)", note)
		}
		if !strings.HasPrefix(f.Message, "user0") || strings.ContainsRune(prefix, '\uFFFD') {
			t.Errorf("message cut inside a character: %q", prefix)
		}
	}
	if shown.Status != result.StatusFail || doc.Summary.Fail != 1 {
		t.Errorf("the status changed: %s", shown.Status)
	}
}

func TestLimitsInvalid(t *testing.T) {
	for _, tc := range []struct{ limits, want string }{
		{`input_size = "lots"`, `input_size must be a size of 1 byte or more`},
		{`input_size = 0`, `input_size must be a size of 1 byte or more`},
		{`input_items = 1.5`, `input_items must be a whole number of 1 or more`},
		{`findings = 0`, `findings must be a whole number of 1 or more`},
		{`control_timeout = "soon"`, `"soon" is not a positive duration`},
		{`run_timeout = "-1m"`, `"-1m" is not a positive duration`},
		{`message_size = 10`, `message_size is 10 bytes; it must be at least 64 bytes`},
		{`speed = 1`, `An argument named "speed" is not expected here`},
	} {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "main.hcl"), []byte("socle {\n  limits {\n    "+tc.limits+"\n  }\n}\n"))
		_, diags := evaluator.Load(evaluator.Options{Dir: dir, Environ: func() []string { return nil }})
		var msgs []string
		for _, d := range diags {
			msgs = append(msgs, describe(d))
		}
		joined := strings.Join(msgs, "\n")
		if !diags.HasErrors() || !strings.Contains(joined, tc.want) || !strings.Contains(joined, "main.hcl:3") {
			t.Errorf("%s: %q, want an error at main.hcl:3 with %q", tc.limits, joined, tc.want)
		}
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "main.hcl"), []byte("socle {\n  timeout = \"5s\"\n  limits {\n    control_timeout = \"5s\"\n  }\n}\n"))
	_, diags := evaluator.Load(evaluator.Options{Dir: dir, Environ: func() []string { return nil }})
	if !diags.HasErrors() || !strings.Contains(diags.Error(), "Two control time limits") {
		t.Errorf("timeout and control_timeout together: %v", diags)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"1024": 1024, "512B": 512, "4KiB": 4096, "256MiB": 256 << 20, "1GiB": 1 << 30, "10MB": 10_000_000, "3 KB": 3000} {
		if got, err := evaluator.ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "MiB", "-1MiB", "0", "1.5MiB", "1TiB", "99999999999GiB"} {
		if _, err := evaluator.ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) accepted", in)
		}
	}
	for n, want := range map[int64]string{256 << 20: "256MiB", 4096: "4KiB", 1000: "1000B", 1 << 30: "1GiB"} {
		if got := evaluator.FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}
