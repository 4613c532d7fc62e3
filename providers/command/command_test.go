package command

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/socle-dev/socle/providers"
	"github.com/socle-dev/socle/providers/internal/providertest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// env is the policy repository of the tests: this package's directory, so
// that commands name their scripts as testdata/….
func env() providers.Env {
	return providers.Env{FS: os.DirFS("."), Dir: "."}
}

// evalContext holds an env() function like the configuration's.
func evalContext() *hcl.EvalContext {
	return &hcl.EvalContext{Functions: map[string]function.Function{
		"concat": stdlib.ConcatFunc,
		"env": function.New(&function.Spec{
			Params: []function.Parameter{{Name: "name", Type: cty.String}},
			Type:   function.StaticReturnType(cty.String),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				return cty.StringVal(os.Getenv(args[0].AsString())), nil
			},
		}),
	}}
}

func configure(t *testing.T, e providers.Env, src string) *instance {
	t.Helper()
	in, diags := Type{}.Configure(providertest.Body(t, src), evalContext(), e)
	if diags.HasErrors() {
		t.Fatalf("Configure: %s", diags.Error())
	}
	return in.(*instance)
}

func load(t *testing.T, src string) (*providers.Document, error) {
	t.Helper()
	return configure(t, env(), src).Load(context.Background())
}

// repo copies testdata/bin into a temporary policy repository, its scripts
// executable whatever the checkout did to their mode.
func repo(t *testing.T) providers.Env {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"export-users", "users.csv"} {
		data, err := os.ReadFile(filepath.Join("testdata", "bin", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "bin", name), data, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return providers.Env{FS: os.DirFS(dir), Dir: dir}
}

func TestLoad(t *testing.T) {
	tests := []struct {
		name, src string
		items     int
	}{
		{"object", `provider "command" { command = ["/bin/sh", "testdata/settings.sh"] }`, 1},
		{"env", `provider "command" {
  command = ["/bin/sh", "../env.sh", "quarterly review"]
  dir     = "testdata/bin"
  env     = { REPORT_FORMAT = "json" }
}`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := load(t, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if err := providertest.CheckValue(doc.Value); err != nil {
				t.Fatal(err)
			}
			if doc.Items != tt.items {
				t.Errorf("Items = %d, want %d", doc.Items, tt.items)
			}
			providertest.Golden(t, filepath.Join("testdata", "golden", tt.name+".json"), providertest.Render(t, doc), *update)
		})
	}
}

// TestProgramInRepository runs a program by its path relative to dir, with
// arguments, as a repository's own export script is run.
func TestProgramInRepository(t *testing.T) {
	e := repo(t)
	for _, tt := range []struct {
		args  string
		items int
	}{{``, 4}, {`, "--active"`, 2}} {
		in := configure(t, e, `provider "command" {
  command = ["./export-users"`+tt.args+`]
  dir     = "bin"
  env     = { DIRECTORY = "corp.example" }
}`)
		before := time.Now()
		doc, err := in.Collect(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if doc.Items != tt.items {
			t.Errorf("%s: Items = %d, want %d", tt.args, doc.Items, tt.items)
		}
		if doc.CollectedAt.Before(before.Add(-time.Second)) || doc.CollectedAt.After(time.Now()) || doc.CollectedAt.Location() != time.UTC {
			t.Errorf("CollectedAt = %v, want the time of the run in UTC", doc.CollectedAt)
		}
		if tt.args == "" {
			providertest.Golden(t, filepath.Join("testdata", "sample.json"), providertest.JSON(t, doc.Value), *update)
		}
	}
}

func TestParams(t *testing.T) {
	t.Setenv("SOCLE_TEST_TOKEN", "tok-9f8e7d")
	in := configure(t, env(), `provider "command" {
  command    = ["/bin/sh", "testdata/settings.sh", "--token", env("SOCLE_TEST_TOKEN"), "--since=${"2026"}-01-01", "a<b"]
  dir        = "./testdata/../"
  timeout    = "90s"
  max_output = 1048576
  env        = { API_TOKEN = env("SOCLE_TEST_TOKEN"), REGION = "eu" }
}`)
	if got, want := in.argv[3], "tok-9f8e7d"; got != want {
		t.Errorf("argv[3] = %q, want %q", got, want)
	}
	want := map[string]string{
		"program":    "/bin/sh",
		"args":       `["testdata/settings.sh","--token","(computed)","--since=2026-01-01","a<b"]`,
		"dir":        ".",
		"timeout":    "1m30s",
		"max_output": "1048576",
		"env":        "API_TOKEN,REGION",
	}
	if got := in.params(); !reflect.DeepEqual(got, want) {
		t.Errorf("params = %v\nwant %v", got, want)
	}
	// A command computed as a whole hides every argument.
	in = configure(t, env(), `provider "command" { command = concat(["/bin/sh"], ["testdata/settings.sh"]) }`)
	if got := in.params()["args"]; got != `["(computed)"]` {
		t.Errorf("args = %s", got)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, src     string
		summary       string
		detail        string // a part of it
		line, column  int
		stderr        string // a part of it
		stderrAbsent  string // not in it
		stderrExactly int    // its length in bytes, when checked
	}{
		{name: "exit status", src: `command = ["/bin/sh", "testdata/fail.sh"]`,
			summary: "Program failed", detail: "exited with status 3",
			stderr: "HTTP 401 Unauthorized: the API token has expired", stderrAbsent: "page 0 ", stderrExactly: 2048 - 1 + len("…")},
		{name: "signal", src: `command = ["/bin/sh", "testdata/signal.sh"]`,
			summary: "Program failed", detail: "killed by signal 15 (terminated)"},
		{name: "invalid JSON", src: `command = ["/bin/sh", "testdata/invalid.sh"]`,
			summary: "Invalid JSON", detail: "invalid character '{' after array element", line: 4, column: 3, stderr: "export: 2 records"},
		{name: "two values", src: `command = ["/bin/sh", "testdata/two.sh"]`,
			summary: "Invalid JSON", detail: "invalid character '{' after top-level value", line: 2, column: 1},
		{name: "no output", src: `command = ["/bin/sh", "testdata/empty.sh"]`,
			summary: "No output", detail: "wrote nothing to standard output", stderr: "nothing to export"},
		{name: "too much output", src: "command = [\"/bin/sh\", \"testdata/flood.sh\"]\nmax_output = 100000",
			summary: "Output too large", detail: "more than 100000 bytes"},
		{name: "not found", src: `command = ["socle-no-such-program-x"]`,
			summary: "Cannot start the program", detail: `"socle-no-such-program-x" is not on PATH`},
		{name: "missing file", src: `command = ["./no-such-script"]`,
			summary: "Cannot start the program", detail: `"./no-such-script" does not exist`},
		{name: "not executable", src: `command = ["testdata/settings.sh"]`,
			summary: "Cannot start the program", detail: `permission denied (is it executable? a script can be run as ["/bin/sh", "testdata/settings.sh"])`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := load(t, "provider \"command\" {\n"+tt.src+"\n}")
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Load = %v, want a *command.Error", err)
			}
			if e.Summary != tt.summary || !strings.Contains(e.Detail, tt.detail) || e.Line != tt.line || e.Column != tt.column {
				t.Errorf("got %q: %q at %d:%d\nwant %q: …%s… at %d:%d", e.Summary, e.Detail, e.Line, e.Column, tt.summary, tt.detail, tt.line, tt.column)
			}
			if !strings.Contains(e.Stderr, tt.stderr) || (tt.stderrAbsent != "" && strings.Contains(e.Stderr, tt.stderrAbsent)) {
				t.Errorf("Stderr = %q, want …%s… and not %q", e.Stderr, tt.stderr, tt.stderrAbsent)
			}
			if tt.stderrExactly > 0 && len(e.Stderr) != tt.stderrExactly {
				t.Errorf("Stderr is %d bytes, want %d (the last 2 KiB, without the final newline, after …)", len(e.Stderr), tt.stderrExactly)
			}
			msg := err.Error()
			if !strings.Contains(msg, strconv.Quote(e.Program)) || !strings.Contains(msg, tt.stderr) {
				t.Errorf("the message does not name the program or quote its standard error: %s", msg)
			}
		})
	}
}

// TestTimeoutKillsProcessGroup runs a script that starts a sleeping child
// and waits for it: at the time limit, both die, and the run ends at once
// rather than when the child would have finished (it holds the output open).
func TestTimeoutKillsProcessGroup(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "child.pid")
	in := configure(t, env(), `provider "command" {
  command = ["/bin/sh", "testdata/hang.sh"]
  timeout = "500ms"
  env     = { PIDFILE = "`+pidFile+`" }
}`)
	start := time.Now()
	_, err := in.Collect(context.Background())
	elapsed := time.Since(start)
	t.Logf("elapsed %v", elapsed)
	var e *Error
	if !errors.As(err, &e) || e.Summary != "Time limit exceeded" || !strings.Contains(e.Detail, "within 500ms") || !strings.Contains(e.Stderr, "hang: started child") {
		t.Fatalf("Collect = %v, want a time limit error quoting the script's standard error", err)
	}
	if elapsed > waitDelay {
		t.Errorf("the run took %v: the child holding the output open was not killed", elapsed)
	}
	data, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for alive(pid) {
		if time.Now().After(deadline) {
			t.Fatalf("the child %d still runs after the time limit", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// alive reports whether the process runs: it exists and is not a zombie
// waiting for its (new) parent to reap it.
func alive(pid int) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	// pid (comm) state …; comm may hold spaces and parentheses.
	rest := string(stat[strings.LastIndexByte(string(stat), ')')+1:])
	return !strings.HasPrefix(strings.TrimSpace(rest), "Z")
}

func TestCancel(t *testing.T) {
	in := configure(t, env(), `provider "command" {
  command = ["/bin/sh", "-c", "sleep 30"]
}`)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	if _, err := in.Collect(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Collect = %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("cancelling took %v", d)
	}
}

func TestDirErrors(t *testing.T) {
	for _, tt := range []struct{ dir, want string }{
		{"testdata/nowhere", `the dir "testdata/nowhere" does not exist`},
		{"testdata/settings.sh", `the dir "testdata/settings.sh" is a file`},
	} {
		_, err := load(t, `provider "command" {
  command = ["/bin/sh", "settings.sh"]
  dir     = "`+tt.dir+`"
}`)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("dir %s: Load = %v, want …%s…", tt.dir, err, tt.want)
		}
	}
}

func TestConfigure(t *testing.T) {
	tests := []struct {
		name, body string
		line       int
		summary    string
		detail     string // a part of it
	}{
		{"missing command", `  timeout = "10s"`, 1, "Missing required argument", ""},
		{"unknown attribute", "  command = [\"jq\"]\n  shell = true", 3, "Unsupported argument", ""},
		{"command a string", `  command = "scripts/export --json"`, 2, "Invalid value for command", "run without a shell"},
		{"empty command", `  command = []`, 2, "Invalid value for command", "names no program"},
		{"empty program", `  command = ["", "x"]`, 2, "Invalid value for command", "names no program"},
		{"object argument", `  command = ["jq", { a = 1 }]`, 2, "Invalid value for command", "Element 2 of the command is not a string"},
		{"null argument", `  command = ["jq", null]`, 2, "Invalid value for command", "Element 2"},
		{"bad timeout", "  command = [\"jq\"]\n  timeout = \"30\"", 3, "Invalid value for timeout", `"30" is not a positive duration`},
		{"negative timeout", "  command = [\"jq\"]\n  timeout = \"-1s\"", 3, "Invalid value for timeout", "positive duration"},
		{"fractional max_output", "  command = [\"jq\"]\n  max_output = 1.5", 3, "Invalid value for max_output", "whole number of bytes"},
		{"zero max_output", "  command = [\"jq\"]\n  max_output = 0", 3, "Invalid value for max_output", "at least 1"},
		{"string max_output", "  command = [\"jq\"]\n  max_output = \"64MiB\"", 3, "Invalid value for max_output", "number of bytes"},
		{"dir outside", "  command = [\"jq\"]\n  dir = \"../other\"", 3, "Invalid path for dir", "leaves the policy repository"},
		{"dir glob", "  command = [\"jq\"]\n  dir = \"scripts/*\"", 3, "Invalid value for dir", "is a glob"},
		{"env a list", "  command = [\"jq\"]\n  env = [\"A=1\"]", 3, "Invalid value for env", "map of environment variables"},
		{"env bad name", "  command = [\"jq\"]\n  env = { \"A=B\" = \"1\" }", 3, "Invalid value for env", `"A=B" is not an environment variable name`},
		{"env value", "  command = [\"jq\"]\n  env = { A = [1] }", 3, "Invalid value for env", "The value of A is not a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, diags := Type{}.Configure(providertest.Body(t, "provider \"command\" {\n"+tt.body+"\n}"), evalContext(), env())
			if !diags.HasErrors() || in != nil {
				t.Fatalf("Configure = %v, %v; want %q", in, diags, tt.summary)
			}
			d := diags[0]
			if d.Summary != tt.summary || d.Subject == nil || d.Subject.Start.Line != tt.line || !strings.Contains(d.Detail, tt.detail) {
				t.Errorf("got %s (subject %v), want %q: …%s… on line %d", d.Error(), d.Subject, tt.summary, tt.detail, tt.line)
			}
		})
	}

	in := configure(t, env(), `provider "command" {
  command = ["jq", 1, true]
}`)
	if !reflect.DeepEqual(in.argv, []string{"jq", "1", "true"}) || in.timeout != 30*time.Second || in.maxOutput != 64<<20 || in.dir != "." {
		t.Errorf("defaults: %+v", in)
	}
}

func TestTail(t *testing.T) {
	tests := []struct {
		writes []string
		want   string
	}{
		{nil, ""},
		{[]string{"short\n"}, "short"},
		{[]string{"abc", "def\r\n"}, "abcdef"},
		{[]string{strings.Repeat("x", 10), "0123456789"}, "…23456789"},
		{[]string{strings.Repeat("y", 20)}, "…yyyyyyyy"},
		{[]string{"12345678"}, "12345678"},
		{[]string{"", "12345678"}, "12345678"},
		{[]string{"a", "12345678"}, "…12345678"},
		{[]string{"éééé", "é"}, "…éééé"}, // 10 bytes: the first é is cut in half, and dropped
	}
	for _, tt := range tests {
		tl := &tail{size: 8}
		if tt.want == "…éééé" {
			tl.size = 9
		}
		for _, w := range tt.writes {
			if n, err := tl.Write([]byte(w)); n != len(w) || err != nil {
				t.Fatalf("Write = %d, %v", n, err)
			}
		}
		if got := tl.String(); got != tt.want {
			t.Errorf("%q: String = %q, want %q", tt.writes, got, tt.want)
		}
	}
}
