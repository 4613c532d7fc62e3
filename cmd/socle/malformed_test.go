package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/socle-dev/socle/evaluator/redact"
)

// Ceilings every malformed input must stay under: the binary's peak
// resident memory and its wall time (on a loaded CI machine).
const (
	malformedMaxRSSKiB = 128 << 10 // 128 MiB; 35 to 45 MiB measured
	malformedMaxTime   = 15 * time.Second
)

// malformedCases is what socle eval does with each repository under
// testdata/malformed: the exit code, and the diagnostic on stderr (its
// "file:line" position first; "" when the input loads cleanly).
var malformedCases = map[string]struct {
	code int
	diag string
}{
	"aws_credential_report_header":  {0, ""}, // the five columns every report has had are enough
	"csv_nul_bytes":                 {0, ""},
	"csv_ragged":                    {2, "snapshots/users.csv:3:1: Provider file: Invalid CSV"},
	"csv_unbalanced_quote":          {2, "snapshots/users.csv:3:8: Provider file: Invalid CSV"},
	"dotenv_syntax_error":           {2, "main.hcl:6:1: Provider file: cannot load its snapshot"},
	"github_repo_array":             {2, "snapshots/github/repos/x.json:1:1: Provider github: Unexpected GitHub API response"},
	"hcl_invalid_utf8":              {2, "main.hcl:3:22: Invalid character encoding"},
	"hcl_unclosed_block":            {2, "main.hcl:10:17: Unclosed configuration block"},
	"hcl_unterminated_string":       {2, "main.hcl:13:31: Invalid multi-line string"},
	"ini_syntax_error":              {2, "main.hcl:6:1: Provider file: cannot load its snapshot"},
	"input_too_large":               {2, "snapshots/users.json:1:1: Provider file: Input too large"},
	"input_too_many_items":          {2, "main.hcl:6:1: Provider file: input past its limit"},
	"json_deep":                     {2, "snapshots/deep.json:1:10001: Provider file: Invalid JSON"},
	"json_empty":                    {2, "snapshots/users.json:1:1: Provider file: Invalid JSON"},
	"json_huge_exponent":            {0, ""},
	"json_invalid_utf8":             {2, "snapshots/users.json:2:13: Provider file: Unsupported text encoding"},
	"json_long_integer":             {0, ""},
	"json_truncated":                {2, "snapshots/users.json:3:20: Provider file: Invalid JSON"},
	"json_secret_on_error_line":     {2, "snapshots/users.json:3:135: Provider file: Invalid JSON"}, // the quoted line is masked
	"json_utf16_bom":                {2, "snapshots/users.json:1:1: Provider file: Unsupported text encoding"},
	"json_utf8_bom":                 {0, ""},
	"kubernetes_scalar":             {0, "snapshots/k8s/app.yaml:1:1: Provider kubernetes: Not a Kubernetes object"}, // a warning
	"postgres_wrong_shape":          {2, "snapshots/ledger.json:3:12: Provider postgres: Invalid PostgreSQL snapshot"},
	"rego_compile_error":            {2, "policies/malformed.rego:5:3: Rego compile error"},
	"rego_syntax_error":             {2, "policies/malformed.rego:6:1: Invalid Rego"},
	"terraform_plan_format_version": {2, "snapshots/plan.json:1:1: Provider terraform: Unsupported Terraform JSON format"},
	"terraform_raw_state":           {2, "snapshots/plan.json:1:1: Provider terraform: Not a Terraform plan or state"},
	"terraform_truncated":           {2, "snapshots/plan.json:27:30: Provider terraform: Invalid JSON"},
	"toml_format_refused":           {2, "main.hcl:8:14: Unknown file format"},
	"toml_syntax_error":             {2, "main.hcl:6:1: Provider file: cannot load its snapshot"},
	"yaml_billion_laughs":           {2, "snapshots/laughs.yaml:1:26: Provider file: Invalid YAML"},
	"yaml_deep":                     {2, "snapshots/deep.yaml:1:1: Provider file: Invalid YAML"},
	"yaml_invalid_utf8":             {2, "snapshots/users.yaml:1:9: Provider file: Unsupported text encoding"},
	"yaml_utf8_bom":                 {0, ""},
}

// TestMalformedInput runs socle eval on every repository of the
// malformed-input corpus: the right exit code, a diagnostic naming the file
// and line, no panic, and bounded memory and time.
func TestMalformedInput(t *testing.T) {
	gnuTime, err := exec.LookPath("/usr/bin/time")
	if err != nil {
		// Debian's package "time"; .ci/run installs it.
		if os.Getenv("CI") == "true" {
			t.Fatal("GNU time (/usr/bin/time) is not installed (.ci/run installs it)")
		}
		t.Log("GNU time (/usr/bin/time) is not installed: the memory ceiling is checked over this process's own peak")
		gnuTime = ""
	}
	entries, err := os.ReadDir("../../testdata/malformed")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		name := e.Name()
		seen[name] = true
		want, ok := malformedCases[name]
		if !ok {
			t.Errorf("testdata/malformed/%s has no expectation in malformedCases", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			dir := "testdata/malformed/" + name
			// GNU time measures the peak RSS: the rusage Go's os/exec
			// returns is polluted by the test process's own, since the child
			// is started with vfork (its maxrss counts the parent's memory).
			rss := filepath.Join(t.TempDir(), "maxrss")
			cmd := exec.Command(binary, "eval", dir)
			if gnuTime != "" {
				cmd = exec.Command(gnuTime, "-f", "%M", "-o", rss, binary, "eval", dir)
			}
			cmd.Dir = "../.."
			cmd.Env = append(os.Environ(), "NO_COLOR=1")
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			start := time.Now()
			err := cmd.Run()
			took := time.Since(start)
			if err != nil {
				if _, ok := err.(*exec.ExitError); !ok {
					t.Fatal(err)
				}
			}
			code := cmd.ProcessState.ExitCode()
			if code != want.code {
				t.Errorf("exit %d, want %d\nstderr:\n%s", code, want.code, errb.String())
			}
			stderr := errb.String()
			if want.diag != "" && !strings.Contains(stderr, filepath.ToSlash(filepath.Join(dir, want.diag))) {
				t.Errorf("stderr lacks %s/%s:\n%s", dir, want.diag, stderr)
			}
			if want.diag == "" && (strings.Contains(stderr, "Error:") || strings.Contains(stderr, "Warning:")) {
				t.Errorf("unexpected diagnostics:\n%s", stderr)
			}
			// A secret known only by its field name ("password": "…", planted
			// in json_secret_on_error_line) is masked in the quoted line too.
			if redact.String(stderr) != stderr || redact.String(out.String()) != out.String() || strings.Contains(stderr+out.String(), "hunter2-plain") {
				t.Errorf("a credential-looking value is on stderr or stdout:\n%s\n%s", stderr, out.String())
			}
			if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
				t.Errorf("stack trace on stderr:\n%s", stderr)
			}
			if code == 2 && !strings.Contains(out.String(), "did not operate") && !strings.HasPrefix(want.diag, "main.hcl") && !strings.HasPrefix(want.diag, "policies/") {
				t.Errorf("an input that does not load: the control should say it did not operate:\n%s", out.String())
			}
			if took > malformedMaxTime {
				t.Errorf("took %s, more than %s", took, malformedMaxTime)
			}
			if gnuTime == "" {
				// Without GNU time, the child's own rusage: Linux folds the
				// high-water mark of the address space it leaves at exec (this
				// test process's, shared through vfork) into it, so the
				// ceiling is over this process's own peak.
				ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
				var self syscall.Rusage
				if !ok || syscall.Getrusage(syscall.RUSAGE_SELF, &self) != nil {
					t.Fatal("no resource usage for the process")
				}
				if limit := malformedMaxRSSKiB + self.Maxrss; ru.Maxrss > limit {
					t.Errorf("max RSS %d KiB, more than %d KiB (%d KiB over this test process's own peak)", ru.Maxrss, limit, malformedMaxRSSKiB)
				}
				return
			}
			b, err := os.ReadFile(rss)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(string(b)), "\n")
			kib, err := strconv.ParseInt(lines[len(lines)-1], 10, 64)
			if err != nil {
				t.Fatalf("GNU time wrote %q", b)
			}
			t.Logf("%s: %s, max RSS %d MiB", name, took.Round(time.Millisecond), kib>>10)
			if kib > malformedMaxRSSKiB {
				t.Errorf("max RSS %d KiB, more than %d KiB", kib, malformedMaxRSSKiB)
			}
		})
	}
	for name := range malformedCases {
		if !seen[name] {
			t.Errorf("malformedCases names %s, which is not in testdata/malformed", name)
		}
	}
}
