package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// sgr matches an ANSI colour sequence (Select Graphic Rendition); the
// progress bar's own sequences (\r, erase line \x1b[K) are not colour.
var sgr = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// progressBar matches a drawn progress bar: "stage [===>   ] 3/12".
var progressBar = regexp.MustCompile(`[a-z ]+ \[[=> ]+\] \d+/\d+`)

// terminalRun runs the real binary with its standard output and standard
// error each on a pseudo-terminal or on a pipe, as a person at a terminal, or
// CI and a shell pipe, would see it.
func terminalRun(t *testing.T, stdoutTTY, stderrTTY bool, env []string, args ...string) (stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = "../.."
	cmd.Env = append(withoutNoColor(os.Environ()), env...)
	var wg sync.WaitGroup
	var outBuf, errBuf bytes.Buffer
	var ttys []*os.File
	attach := func(tty bool, buf *bytes.Buffer) io.Writer {
		if !tty {
			return buf
		}
		ptmx, tt, err := pty.Open()
		if err != nil {
			skipUnlessCI(t, "no pseudo-terminal here: "+err.Error())
		}
		if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 40, Cols: 120}); err != nil {
			t.Fatal(err)
		}
		ttys = append(ttys, tt)
		wg.Go(func() {
			_, _ = io.Copy(buf, ptmx) // ends with EIO once every tty copy is closed
			ptmx.Close()
		})
		return tt
	}
	cmd.Stdout = attach(stdoutTTY, &outBuf)
	cmd.Stderr = attach(stderrTTY, &errBuf)
	err := cmd.Run()
	for _, tt := range ttys {
		tt.Close()
	}
	wg.Wait()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	return outBuf.String(), errBuf.String()
}

func withoutNoColor(env []string) []string {
	var out []string
	for _, e := range env {
		if !strings.HasPrefix(e, "NO_COLOR=") {
			out = append(out, e)
		}
	}
	return out
}

// TestTerminalBehaviour: colour and progress appear only on a terminal, each
// on its own stream, and never with NO_COLOR, --no-color or --quiet.
func TestTerminalBehaviour(t *testing.T) {
	eval := []string{"eval", "testdata/cli/fail", "--fail-on", "none"}

	// A person at a terminal: colour on stdout, a progress bar on stderr.
	out, errOut := terminalRun(t, true, true, nil, eval...)
	if !sgr.MatchString(out) {
		t.Errorf("no colour on a terminal:\n%q", out)
	}
	if !progressBar.MatchString(errOut) || !strings.Contains(errOut, "evaluating [") {
		t.Errorf("no progress bar on a terminal's stderr:\n%q", errOut)
	}
	if !strings.Contains(errOut, "\r\x1b[K") {
		t.Errorf("the progress bar is not cleared before the results:\n%q", errOut)
	}
	if progressBar.MatchString(out) {
		t.Errorf("progress on stdout:\n%q", out)
	}

	// CI and pipes: neither colour nor progress, on either stream.
	out, errOut = terminalRun(t, false, false, nil, eval...)
	for name, s := range map[string]string{"stdout": out, "stderr": errOut} {
		if strings.Contains(s, "\x1b") || strings.Contains(s, "\r") || progressBar.MatchString(s) {
			t.Errorf("terminal sequences or progress on a piped %s:\n%q", name, s)
		}
	}
	if !strings.Contains(out, "FAIL") {
		t.Errorf("no results on a pipe:\n%s", out)
	}

	// Results piped, stderr on a terminal: progress, but no colour in the data.
	out, errOut = terminalRun(t, false, true, nil, eval...)
	if strings.Contains(out, "\x1b") {
		t.Errorf("colour in piped results:\n%q", out)
	}
	if !progressBar.MatchString(errOut) {
		t.Errorf("no progress on a terminal's stderr when stdout is piped:\n%q", errOut)
	}

	// Results on a terminal, stderr piped (2>log): colour, no progress in the log.
	out, errOut = terminalRun(t, true, false, nil, eval...)
	if !sgr.MatchString(out) || strings.Contains(errOut, "\x1b") || progressBar.MatchString(errOut) {
		t.Errorf("stdout on a terminal, stderr piped:\nstdout %q\nstderr %q", out, errOut)
	}

	// NO_COLOR and --no-color: no colour anywhere, even on a terminal.
	for name, run := range map[string]func() (string, string){
		"NO_COLOR":   func() (string, string) { return terminalRun(t, true, true, []string{"NO_COLOR=1"}, eval...) },
		"--no-color": func() (string, string) { return terminalRun(t, true, true, nil, append(eval, "--no-color")...) },
	} {
		out, errOut := run()
		if sgr.MatchString(out) || sgr.MatchString(errOut) {
			t.Errorf("%s: colour on a terminal:\nstdout %q\nstderr %q", name, out, errOut)
		}
		if !strings.Contains(out, "FAIL") {
			t.Errorf("%s: no results:\n%s", name, out)
		}
	}

	// Diagnostics on a terminal are coloured too, and follow the same rule.
	_, errOut = terminalRun(t, false, true, nil, "validate", "testdata/cli/invalid")
	if !sgr.MatchString(errOut) {
		t.Errorf("no colour in diagnostics on a terminal:\n%q", errOut)
	}
	_, errOut = terminalRun(t, false, true, []string{"NO_COLOR=1"}, "validate", "testdata/cli/invalid")
	if sgr.MatchString(errOut) || !strings.Contains(errOut, "Unknown objective") {
		t.Errorf("NO_COLOR: colour in diagnostics, or none printed:\n%q", errOut)
	}

	// --quiet: no progress, even on a terminal; --verbose: timings, even on a pipe.
	_, errOut = terminalRun(t, true, true, nil, append(eval, "--quiet")...)
	if progressBar.MatchString(errOut) {
		t.Errorf("--quiet: progress on a terminal:\n%q", errOut)
	}
	_, errOut = terminalRun(t, false, false, nil, append(eval, "--verbose")...)
	if !regexp.MustCompile(`evaluating: \d+ of \d+ in \d+`).MatchString(errOut) || progressBar.MatchString(errOut) {
		t.Errorf("--verbose on a pipe: want timings and no bar:\n%s", errOut)
	}
}

// TestProgressOnLongCommands: collect, evidence verify and report draw their progress
// on a terminal and say nothing of it on a pipe.
func TestProgressOnLongCommands(t *testing.T) {
	dir := t.TempDir()
	repo := filepath.Join(dir, "repo")
	copyTree(t, "testdata/cli/pass", repo)
	if r := socle(t, "eval", repo, "--record"); r.code != 0 {
		t.Fatalf("eval --record: %d\n%s", r.code, r.stderr)
	}
	today := time.Now().UTC()
	period := today.AddDate(0, 0, -1).Format(time.DateOnly) + ".." + today.Format(time.DateOnly) // two days: Type II
	for _, tc := range []struct {
		stage         string
		onTTY, onPipe []string
	}{
		{"collecting [", []string{"collect", repo, "-o", filepath.Join(dir, "bundle")}, []string{"collect", repo, "-o", filepath.Join(dir, "bundle2")}},
		{"verifying runs [", []string{"evidence", "verify", "--repo", repo}, nil},
		{"reading records [", []string{"report", repo, "--period", period, "--format", "json"}, nil},
	} {
		_, errOut := terminalRun(t, false, true, nil, tc.onTTY...)
		if !strings.Contains(errOut, tc.stage) {
			t.Errorf("%s: no %q progress on a terminal:\n%q", tc.onTTY[0], tc.stage, errOut)
		}
		if tc.onPipe == nil {
			tc.onPipe = tc.onTTY
		}
		r := socle(t, tc.onPipe...)
		if strings.Contains(r.stderr, tc.stage) || strings.Contains(r.stderr, "\r") {
			t.Errorf("%s: progress on a pipe:\n%q", tc.onPipe[0], r.stderr)
		}
	}
}
