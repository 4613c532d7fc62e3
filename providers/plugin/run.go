package plugin

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

const (
	// DefaultSchemaTimeout is how long a plug-in may take to answer schema.
	DefaultSchemaTimeout = 10 * time.Second
	// DefaultTimeout is how long a plug-in may take to answer load or collect.
	DefaultTimeout = 5 * time.Minute
	// DefaultMaxOutput is how much a plug-in may write to its standard output
	// in answer to load or collect.
	DefaultMaxOutput = 256 << 20
	// maxSchemaOutput is how much it may write in answer to schema.
	maxSchemaOutput = 1 << 20
	// stderrTail is how much of the end of a plug-in's standard error an
	// error quotes, in bytes and in lines.
	stderrTail      = 4 << 10
	stderrTailLines = 20
	// waitDelay is how long socle waits for a plug-in's standard output and
	// error to close once it has exited or been stopped.
	waitDelay = 2 * time.Second
)

var errTimeLimit = errors.New("time limit exceeded")

// exitError is a plug-in that ran to its end but exited with a non-zero
// status (or was killed by a signal nobody here sent). Its output may still
// hold an error response, which says more than the status.
type exitError struct {
	err *Error
}

func (e exitError) Error() string { return e.err.Error() }
func (e exitError) Unwrap() error { return e.err }

// call runs the plug-in once: the request on its standard input, the
// response from its standard output. No shell is involved. stderr is the end
// of its standard error. The error is an *Error, or an exitError when the
// plug-in exited with a failure status (out then holds whatever it wrote).
func (t *Type) call(ctx context.Context, method string, req []byte, dir string, limit time.Duration, maxOut int64) (out []byte, stderr string, err error) {
	errTail := &tail{}
	perr := func(summary, detail string, cause error) *Error {
		return &Error{Plugin: t.exe, Method: method, Summary: summary, Detail: detail, Stderr: errTail.String(), Err: cause}
	}
	if err := ctx.Err(); err != nil {
		return nil, "", perr("Canceled", fmt.Sprintf("the %s request was canceled (%v) before the plug-in started", method, err), err)
	}
	rctx, cancel := context.WithTimeoutCause(ctx, limit, errTimeLimit)
	defer cancel()

	stdout := &capped{max: maxOut, full: cancel}
	cmd := exec.CommandContext(rctx, t.exe)
	cmd.Stdin = bytes.NewReader(req)
	cmd.Stdout = stdout
	cmd.Stderr = errTail
	cmd.Dir = dir
	cmd.WaitDelay = waitDelay
	ownProcessGroup(cmd)

	runErr := cmd.Run()
	switch {
	case stdout.overflow():
		return nil, "", perr("Response too large", fmt.Sprintf("the plug-in wrote more than %s to its standard output in answer to %s and was stopped", size(maxOut), method), nil)
	case runErr == nil:
		return stdout.Bytes(), errTail.String(), nil
	case errors.Is(runErr, exec.ErrWaitDelay):
		// It exited with status 0 (maybe before the time limit ran out
		// while waiting for its output to close), leaving a process behind.
		killProcessGroup(cmd)
		return nil, "", perr("Plug-in left a process running", "the plug-in exited, but a process it started still held its standard output or error; a plug-in must wait for the processes it starts", runErr)
	case ctx.Err() != nil:
		return nil, "", perr("Canceled", fmt.Sprintf("the %s request was canceled (%v) and the plug-in stopped", method, ctx.Err()), ctx.Err())
	case context.Cause(rctx) == errTimeLimit:
		return nil, "", perr("Time limit exceeded", fmt.Sprintf("the plug-in did not answer %s within %s and was stopped", method, limit), context.DeadlineExceeded)
	}
	var exit *exec.ExitError
	if errors.As(runErr, &exit) {
		detail := "it was terminated (" + exit.String() + ")"
		if exit.Exited() {
			detail = fmt.Sprintf("it exited with status %d", exit.ExitCode())
		}
		return stdout.Bytes(), errTail.String(), exitError{perr("Plug-in failed", detail, runErr)}
	}
	return nil, "", perr("Cannot run the plug-in", runErr.Error(), runErr)
}

// capped collects a plug-in's standard output up to max bytes. Past that it
// stops the plug-in (full cancels its context) rather than read on.
type capped struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	max  int64
	over bool
	full func()
}

var errTooLarge = errors.New("output too large")

func (c *capped) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.over || int64(c.buf.Len())+int64(len(p)) > c.max {
		c.over = true
		c.full()
		return 0, errTooLarge
	}
	return c.buf.Write(p)
}

func (c *capped) overflow() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.over
}

func (c *capped) Bytes() []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.Bytes()
}

// tail keeps the end of a plug-in's standard error.
type tail struct {
	mu        sync.Mutex
	buf       []byte
	truncated bool
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - stderrTail; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
		t.truncated = true
	}
	return len(p), nil
}

// String returns the last lines kept, made printable: a plug-in's standard
// error goes into socle's own messages, so terminal control sequences and
// invalid UTF-8 are replaced.
func (t *tail) String() string {
	if t == nil {
		return ""
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	s := strings.ToValidUTF8(string(t.buf), "\uFFFD")
	truncated := t.truncated
	if truncated {
		// The first line kept is likely cut; start at the next one.
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			s = s[i+1:]
		}
		// A multi-byte character cut in two.
		for len(s) > 0 && !utf8.RuneStart(s[0]) {
			s = s[1:]
		}
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lines := strings.Split(strings.TrimRight(s, " \t\r\n"), "\n")
	if len(lines) > stderrTailLines {
		lines = lines[len(lines)-stderrTailLines:]
		truncated = true
	}
	for i, l := range lines {
		lines[i] = printable(strings.TrimRight(l, " \t\r"))
	}
	out := strings.Join(lines, "\n")
	if out == "" {
		return ""
	}
	if truncated {
		out = "…\n" + out
	}
	return out
}

// printable replaces the control characters of s but tabs and newlines
// (terminal escape sequences, say) and invalid UTF-8: what a plug-in writes
// ends up in socle's messages, on a terminal.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || !unicode.IsControl(r) {
			return r
		}
		return '\uFFFD'
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
