package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var binary string

// TestMain builds the real binary once; the tests run it as a user would.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "socle-cli-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "socle")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		panic("building socle: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type run struct {
	code           int
	stdout, stderr string
}

func socle(t *testing.T, args ...string) run {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = "../.."
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return run{code: code, stdout: out.String(), stderr: errb.String()}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // substring
		stderr string // substring
	}{
		{"pass", []string{"eval", "testdata/cli/pass"}, 0, "PASS", ""},
		{"fail", []string{"eval", "testdata/cli/fail"}, 1, "bob has no MFA", ""},
		{"fail below --fail-on", []string{"eval", "testdata/cli/fail", "--fail-on", "high"}, 0, "FAIL", ""},
		{"fail at --fail-on", []string{"eval", "testdata/cli/fail", "--fail-on", "medium"}, 1, "FAIL", ""},
		{"fail with --fail-on none", []string{"eval", "testdata/cli/fail", "--fail-on", "none"}, 0, "FAIL", ""},
		{"invalid configuration", []string{"eval", "testdata/cli/invalid"}, 2, "", "testdata/cli/invalid/main.hcl:19:15: Unknown objective"},
		{"validate invalid", []string{"validate", "testdata/cli/invalid"}, 2, "", "Did you mean objective.access?"},
		{"validate valid", []string{"validate", "testdata/cli/pass"}, 0, "The configuration is valid", ""},
		{"malformed snapshot", []string{"eval", "testdata/cli/broken_snapshot"}, 2, "ERROR", "testdata/cli/broken_snapshot/snapshots/users.json:3:"},
		{"malformed CSV and YAML", []string{"eval", "testdata/cli/broken_formats"}, 2, "did not operate", "testdata/cli/broken_formats/snapshots/users.csv:3:1: Provider file.csv: Invalid CSV"},
		{"http.send refused at validate", []string{"validate", "evaluator/testdata/invalid/rego_http_send"}, 2, "", "evaluator/testdata/invalid/rego_http_send/policies/net.rego:4:"},
		{"unknown format", []string{"eval", "testdata/cli/pass", "--format", "xml"}, 2, "", `unknown format "xml"`},
		{"bad --fail-on", []string{"eval", "testdata/cli/pass", "--fail-on", "severe"}, 2, "", "invalid --fail-on"},
		{"bad flag", []string{"eval", "--nope"}, 2, "", "unknown flag"},
		{"missing directory", []string{"eval", "testdata/cli/nowhere"}, 2, "", "Cannot open the policy repository"},
		{"time limit", []string{"eval", "testdata/cli/slow"}, 3, "did not finish within the time limit of 300ms", ""},
		{"run time limit", []string{"eval", "testdata/cli/run_limit"}, 3, "did not finish within its time limit of 300ms; raise limits { run_timeout }", "Run time limit reached"},
		{"plan", []string{"plan", "testdata/cli/pass", "-control", "mfa"}, 0, "1 to evaluate, 0 skipped", ""},
		{"--control matching nothing", []string{"eval", "testdata/cli/fail", "--control", "mfx"}, 2, "", `--control "mfx" matches no control`},
		{"--control by ref", []string{"eval", "testdata/cli/fail", "--control", "1.*"}, 1, "FAIL", ""},
		{"version", []string{"version"}, 0, "OPA 1.", ""},
		{"command provider refused by default", []string{"eval", "testdata/cli/command"}, 2, "", "Provider runs a program"},
		{"command provider with --allow-exec", []string{"eval", "testdata/cli/command", "--allow-exec"}, 0, "PASS", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			r := socle(t, tt.args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tt.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, r.stdout)
			}
			if !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, r.stderr)
			}
			if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine ") {
				t.Errorf("stack trace on stderr:\n%s", r.stderr)
			}
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %s", d)
			}
		})
	}
}

func TestJSONToStdoutDiagnosticsToStderr(t *testing.T) {
	r := socle(t, "eval", "testdata/cli/fail", "--format", "json", "-var-file", "testdata/cli/fail/nothing.vars")
	if r.code != 2 || r.stdout != "" {
		t.Fatalf("a missing -var-file must stop before evaluating: exit %d, stdout %q", r.code, r.stdout)
	}
	r = socle(t, "eval", "testdata/cli/fail", "--format", "json", "--as-of", "2026-11-25")
	var doc struct {
		FormatVersion string `json:"format_version"`
		Run           struct {
			AsOf string `json:"as_of"`
		} `json:"run"`
		Summary map[string]int `json:"summary"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("stdout is not the JSON document: %v\n%s", err, r.stdout)
	}
	if doc.FormatVersion != "1" || doc.Summary["fail"] != 1 || doc.Run.AsOf != "2026-11-25T00:00:00Z" {
		t.Errorf("document: %+v", doc)
	}
	if strings.Contains(r.stdout, "\x1b[") || strings.Contains(r.stderr, "\x1b[") {
		t.Error("colour escapes without a terminal")
	}
}

func TestOutputIsAtomic(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "results.json")
	if err := os.WriteFile(out, []byte("previous"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A configuration error: nothing is written, the old file stays whole.
	r := socle(t, "eval", "testdata/cli/invalid", "--format", "json", "--output", out)
	if r.code != 2 {
		t.Fatalf("exit %d", r.code)
	}
	if b, _ := os.ReadFile(out); string(b) != "previous" {
		t.Errorf("output changed on a configuration error: %q", b)
	}
	// A successful run replaces it with the whole document.
	r = socle(t, "eval", "testdata/cli/fail", "--format", "json", "--output", out)
	if r.code != 1 || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q", r.code, r.stdout)
	}
	b, _ := os.ReadFile(out)
	if !json.Valid(b) {
		t.Errorf("output is not whole JSON: %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestSingleDashLongFlags(t *testing.T) {
	r := socle(t, "eval", "testdata/cli/fail", "-format=json", "-fail-on", "none")
	if r.code != 0 || !json.Valid([]byte(r.stdout)) {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestCollectAndEvalSnapshot(t *testing.T) {
	dir := t.TempDir()
	b := filepath.Join(dir, "bundle")
	r := socle(t, "collect", "testdata/cli/fail", "-o", b)
	if r.code != 0 || !strings.Contains(r.stderr, "1 documents, 2 items") {
		t.Fatalf("collect: exit %d\n%s", r.code, r.stderr)
	}
	direct := socle(t, "eval", "testdata/cli/fail", "--format", "json", "--as-of", "2026-11-25")
	fromBundle := socle(t, "eval", "testdata/cli/fail", "--format", "json", "--as-of", "2026-11-25", "--snapshot", b)
	if fromBundle.code != 1 {
		t.Fatalf("eval --snapshot: exit %d\n%s", fromBundle.code, fromBundle.stderr)
	}
	hashes := func(out string) string {
		var doc struct {
			Results []struct {
				Status      string            `json:"status"`
				InputSHA256 map[string]string `json:"input_sha256"`
			} `json:"results"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(doc.Results)
	}
	if hashes(direct.stdout) != hashes(fromBundle.stdout) {
		t.Errorf("the bundle evaluates differently:\n%s\n%s", hashes(direct.stdout), hashes(fromBundle.stdout))
	}

	// Collecting over an existing bundle is refused.
	if r := socle(t, "collect", "testdata/cli/fail", "-o", b); r.code != 2 || !strings.Contains(r.stderr, "already exists") {
		t.Errorf("collect over a bundle: exit %d\n%s", r.code, r.stderr)
	}

	// A tampered bundle is refused before anything is evaluated.
	doc := filepath.Join(b, "file.idp.json")
	data, _ := os.ReadFile(doc)
	if err := os.WriteFile(doc, bytes.Replace(data, []byte(`"mfa":false`), []byte(`"mfa":true`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	r = socle(t, "eval", "testdata/cli/fail", "--snapshot", b)
	if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, "does not match its manifest") {
		t.Errorf("tampered bundle: exit %d, stdout %q\n%s", r.code, r.stdout, r.stderr)
	}
}

func TestDiff(t *testing.T) {
	dir := t.TempDir()
	write := func(name, repo string) string {
		p := filepath.Join(dir, name)
		r := socle(t, "eval", repo, "--format", "json="+p, "--fail-on", "none", "--as-of", "2026-11-25")
		if r.code != 0 {
			t.Fatalf("eval %s: exit %d\n%s", repo, r.code, r.stderr)
		}
		return p
	}
	pass, fail := write("pass.json", "testdata/cli/pass"), write("fail.json", "testdata/cli/fail")
	tests := []struct {
		args   []string
		code   int
		stdout string
	}{
		{[]string{"diff", pass, fail}, 1, "Newly failing (1)"},
		{[]string{"diff", fail, pass}, 0, "Fixed (1)"},
		{[]string{"diff", fail, fail}, 0, "Still failing (1)"},
		{[]string{"diff", fail, fail, "--fail-on-existing"}, 1, "Still failing (1)"},
		{[]string{"diff", pass, fail, "--format", "markdown"}, 1, "### socle diff: ❌"},
		{[]string{"diff", pass, fail, "--format", "json"}, 1, `"newly_failing": 1`},
		{[]string{"diff", pass, "testdata/cli/pass/main.hcl"}, 2, ""},
		{[]string{"diff", pass}, 2, ""},
	}
	for _, tt := range tests {
		r := socle(t, tt.args...)
		if r.code != tt.code || !strings.Contains(r.stdout, tt.stdout) {
			t.Errorf("%q: exit %d (want %d), stdout:\n%s\nstderr:\n%s", tt.args, r.code, tt.code, r.stdout, r.stderr)
		}
	}
}

func TestProviderPlugin(t *testing.T) {
	dir := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "socle-provider-inventory"), "./providers/plugin/testdata/socle-provider-inventory")
	build.Dir = "../.."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the test plug-in: %v\n%s", err, out)
	}
	r := socle(t, "eval", "testdata/cli/plugin", "--plugin-dir", dir, "--format", "json")
	if r.code != 1 || !strings.Contains(r.stdout, "has an unencrypted disk") {
		t.Errorf("eval with the plug-in: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	// Without it, the type is unknown: a configuration error that says how to provide it.
	r = socle(t, "validate", "testdata/cli/plugin")
	if r.code != 2 || !strings.Contains(r.stderr, "socle-provider-inventory on PATH or in a --plugin-dir") {
		t.Errorf("validate without the plug-in: exit %d\n%s", r.code, r.stderr)
	}
	// With it, validate asks the plug-in for its schema and accepts the block.
	r = socle(t, "validate", "testdata/cli/plugin", "--plugin-dir", dir)
	if r.code != 0 {
		t.Errorf("validate with the plug-in: exit %d\n%s", r.code, r.stderr)
	}
}

func TestRegoTestCommand(t *testing.T) {
	r := socle(t, "test", "examples/payroll")
	if r.code != 0 || !strings.Contains(r.stdout, " passed, 0 failed") {
		t.Errorf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	dir := t.TempDir()
	for name, content := range map[string]string{
		"main.hcl":             "objective \"a\" {\n  ref   = \"CO-1\"\n  title = \"A\"\n}\n",
		"policies/p.rego":      "package p\n\nallow if input.ok\n",
		"policies/p_test.rego": "package p_test\n\nimport data.p\n\ntest_allows if p.allow with input as {\"ok\": true}\n\ntest_wrong if p.allow with input as {\"ok\": false}\n",
	} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r = socle(t, "test", dir)
	if r.code != 1 || !strings.Contains(r.stdout, "--- FAIL: p_test.test_wrong") || !strings.Contains(r.stdout, "1 passed, 1 failed") {
		t.Errorf("a failing Rego test: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "coverage: 100.0% of policy lines (1 of 1)") {
		t.Errorf("coverage not reported:\n%s", r.stdout)
	}
}

func TestHCLTestBlocks(t *testing.T) {
	repo := "evaluator/testdata/valid/programme"
	r := socle(t, "test", repo, "--as-of", "2026-09-30", "-v")
	if r.code != 0 || !strings.Contains(r.stdout, "--- PASS: test.mfa_fails_without_device") || !strings.Contains(r.stdout, "4 passed, 0 failed") {
		t.Errorf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("../..", repo))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "tests/more.hcl"), []byte("test \"wrong\" {\n  control = control.mfa\n  expect {\n    status = \"fail\"\n  }\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = socle(t, "test", dir, "--as-of", "2026-09-30")
	if r.code != 1 || !strings.Contains(r.stdout, "--- FAIL: test.wrong (tests/more.hcl:1, control mfa on idp=file.idp)") ||
		!strings.Contains(r.stdout, "status is pass, want fail") || !strings.Contains(r.stdout, "4 passed, 1 failed") {
		t.Errorf("a failing test block: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}

func TestFmt(t *testing.T) {
	// The shipped repositories are in canonical form.
	for _, dir := range []string{"examples/payroll", "testdata/bench", "policies"} {
		if r := socle(t, "fmt", "-check", dir); r.code != 0 {
			t.Errorf("%s is not formatted: exit %d\n%s%s", dir, r.code, r.stdout, r.stderr)
		}
	}
	dir := t.TempDir()
	write := func(name, content string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("main.hcl", "objective \"a\" {\nref = \"CO-1\"\n  title=\"A\"\n}\n")
	write("policies/p.rego", "package p\ndeny contains msg if {msg:=\"x\"}\n")
	write("tests/t.hcl", "test \"t\" {\ncontrol = control.c\n}\n")
	r := socle(t, "fmt", "-check", "-diff", dir)
	if r.code != 1 || !strings.Contains(r.stdout, "main.hcl") || !strings.Contains(r.stdout, "p.rego") || !strings.Contains(r.stdout, "tests/t.hcl") || !strings.Contains(r.stdout, "+  ref   = \"CO-1\"") {
		t.Errorf("fmt -check -diff: exit %d\n%s", r.code, r.stdout)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "main.hcl")); !strings.Contains(string(b), "ref = \"CO-1\"\n  title=") {
		t.Error("-check changed a file")
	}
	if r := socle(t, "fmt", dir); r.code != 0 {
		t.Errorf("fmt: exit %d\n%s", r.code, r.stderr)
	}
	if r := socle(t, "fmt", "-check", dir); r.code != 0 || r.stdout != "" {
		t.Errorf("after fmt: exit %d\n%s", r.code, r.stdout)
	}
	// A file that does not parse is reported and left alone.
	write("broken.hcl", "objective \"a\" {\n")
	r = socle(t, "fmt", dir)
	if b, _ := os.ReadFile(filepath.Join(dir, "broken.hcl")); r.code != 2 || string(b) != "objective \"a\" {\n" || !strings.Contains(r.stderr, "broken.hcl") {
		t.Errorf("broken file: exit %d\n%s", r.code, r.stderr)
	}
}

func TestGraph(t *testing.T) {
	r := socle(t, "graph", "examples/payroll")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	for _, want := range []string{
		"digraph socle {",
		`"objective.logical_access" -> "control.terminated_access_removed";`,
		`"control.terminated_access_removed" -> "policy.acme.access.terminated_access";`,
		`"control.terminated_access_removed" -> "provider.file.hr" [style=dashed, label="hr"];`,
		`"provider.terraform" [shape=cylinder, label="terraform"];`,
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("graph lacks %s\n%s", want, r.stdout)
		}
	}
	if again := socle(t, "graph", "examples/payroll"); again.stdout != r.stdout {
		t.Error("graph output differs between two runs")
	}
	// The catalog's risk register: each risk, what it threatens and what
	// mitigates it.
	cat := socle(t, "graph", "policies")
	if cat.code != 0 {
		t.Fatalf("graph policies: exit %d\n%s", cat.code, cat.stderr)
	}
	for _, want := range []string{
		`"risk.unauthorized_payment" [shape=diamond, label="R-01 unauthorized_payment\nscore 10, high, fraud"];`,
		`"risk.unauthorized_payment" -> "objective.payment_authorization" [style=dotted, label="threatens"];`,
		`"control.payment_batches_approved" -> "risk.unauthorized_payment" [style=dotted, label="mitigates"];`,
	} {
		if !strings.Contains(cat.stdout, want) {
			t.Errorf("graph policies lacks %s", want)
		}
	}
	if n := strings.Count(cat.stdout, "[shape=diamond"); n != 15 {
		t.Errorf("graph policies draws %d risks, want the catalog's 15", n)
	}
	if dot, err := exec.LookPath("dot"); err == nil {
		cmd := exec.Command(dot, "-Tsvg")
		cmd.Stdin = strings.NewReader(r.stdout)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("dot refuses the graph: %v\n%s", err, out)
		}
	}
}

func TestMatrix(t *testing.T) {
	r := socle(t, "matrix", "examples/payroll", "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	var m struct {
		Rows []struct {
			Control string `json:"control"`
			Tested  bool   `json:"tested"`
		} `json:"rows"`
		Gaps struct {
			ObjectivesWithoutControls []string `json:"objectives_without_controls"`
			COSO                      []int    `json:"coso_principles_without_objectives"`
			ControlsWithoutTests      []string `json:"controls_without_tests"`
		} `json:"gaps"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Rows) != 12 || len(m.Gaps.ControlsWithoutTests) != 0 || len(m.Gaps.ObjectivesWithoutControls) != 0 {
		t.Errorf("matrix of the example: %+v", m)
	}
	if fmt.Sprint(m.Gaps.COSO) != "[1 2 3 4 5 6 7 8 9 13 14 15 17]" {
		t.Errorf("COSO gaps %v", m.Gaps.COSO)
	}
	// The gaps of a repository that has them.
	r = socle(t, "matrix", "testdata/cli/fail")
	if r.code != 0 || !strings.Contains(r.stdout, "controls without tests: mfa") {
		t.Errorf("gaps: exit %d\n%s", r.code, r.stdout)
	}
	for _, f := range []string{"csv", "markdown", "text"} {
		if r := socle(t, "matrix", "examples/payroll", "--format", f); r.code != 0 || !strings.Contains(r.stdout, "terminated_access_removed") {
			t.Errorf("--format %s: exit %d\n%s", f, r.code, r.stdout)
		}
	}
	if r := socle(t, "matrix", "examples/payroll", "--format", "xlsx"); r.code != 2 {
		t.Errorf("unknown format: exit %d", r.code)
	}
}

// eval keeps its result cache in DIR/.socle/cache: a second run gives the
// same results from it; --no-cache and --record leave it alone.
func TestEvalCache(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../testdata/cli/fail")); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(dir, ".socle")) // other tests' runs in place
	results := func(args ...string) string {
		t.Helper()
		r := socle(t, append([]string{"eval", dir, "--format", "json", "--as-of", "2026-03-02"}, args...)...)
		if r.code != 1 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		var doc struct {
			Results []map[string]any `json:"results"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
			t.Fatal(err)
		}
		for _, res := range doc.Results {
			delete(res, "duration_ms")
		}
		b, _ := json.Marshal(doc.Results)
		return string(b)
	}
	cacheDir := filepath.Join(dir, ".socle", "cache")
	uncached := results("--no-cache")
	if _, err := os.Stat(cacheDir); !os.IsNotExist(err) {
		t.Fatalf("--no-cache wrote the cache (%v)", err)
	}
	if first := results(); first != uncached {
		t.Error("a cold cached run differs from an uncached one")
	}
	entries, _ := filepath.Glob(filepath.Join(cacheDir, "*", "*.json"))
	if len(entries) == 0 {
		t.Fatal("eval wrote no cache entry")
	}
	if second := results(); second != uncached {
		t.Error("a run from the cache differs from an uncached one")
	}
}

// socle init writes the catalog; socle eval passes on it as written, socle test
// runs every test green, and socle matrix finds no gap. A second init writes
// nothing and names the files in the way.
func TestInit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "acme-controls")
	r := socle(t, "init", dir)
	if r.code != 0 || !strings.Contains(r.stdout, "Created a SOC 1 policy repository in "+dir) {
		t.Fatalf("init: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	for _, f := range []string{"socle.hcl", "objectives.hcl", "providers.hcl", "README.md", ".gitignore", ".github/workflows/socle.yml", "policies/lib/params.rego", "tests/access.hcl"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("init did not write %s", f)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "catalog.go")); err == nil {
		t.Error("init wrote the catalog's Go file")
	}
	r = socle(t, "eval", dir, "--format", "json")
	var doc struct {
		Summary map[string]int `json:"summary"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); r.code != 0 || err != nil || doc.Summary["fail"] != 0 || doc.Summary["error"] != 0 || doc.Summary["pass"] < 30 {
		t.Errorf("eval of the new repository: exit %d, summary %v\n%s", r.code, doc.Summary, r.stderr)
	}
	if r.stderr != "" {
		t.Errorf("eval of the new repository warns:\n%s", r.stderr)
	}
	r = socle(t, "test", dir)
	if r.code != 0 || !strings.Contains(r.stdout, " passed, 0 failed") {
		t.Errorf("test of the new repository: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	r = socle(t, "matrix", dir)
	if r.code != 0 || strings.Count(r.stdout, ": none\n") != 9 {
		t.Errorf("matrix of the new repository has gaps: exit %d\n%s", r.code, r.stdout)
	}
	if r := socle(t, "fmt", "-check", dir); r.code != 0 {
		t.Errorf("the new repository is not formatted: %s", r.stdout)
	}

	// Again: everything is in the way; nothing changes.
	readme := filepath.Join(dir, "README.md")
	os.WriteFile(readme, []byte("ours"), 0o644)
	r = socle(t, "init", dir)
	if r.code != 2 || !strings.Contains(r.stderr, filepath.Join(dir, ".gitignore")) || !strings.Contains(r.stderr, "wrote nothing") {
		t.Errorf("init over an initialized repository: exit %d\n%s", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(readme); string(b) != "ours" {
		t.Error("init overwrote README.md")
	}

	// One file in the way: it is named, and nothing else is written.
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "providers.hcl"), []byte("# mine\n"), 0o644)
	r = socle(t, "init", other)
	if r.code != 2 || !strings.Contains(r.stderr, "1 file(s) of the new repository already exist") || !strings.Contains(r.stderr, filepath.Join(other, "providers.hcl")) {
		t.Errorf("init with one file in the way: exit %d\n%s", r.code, r.stderr)
	}
	if entries, _ := os.ReadDir(other); len(entries) != 1 {
		t.Errorf("init wrote %d entries beside the file in the way", len(entries)-1)
	}
}
