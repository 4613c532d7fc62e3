package command

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/socle-dev/socle/providers"
)

// stderrTail is how much of the end of the program's standard error an
// error quotes.
const stderrTail = 2 << 10

// waitDelay bounds the wait for the program's output to close once it has
// exited or been killed: a process that left the program's process group may
// still hold it open.
const waitDelay = 2 * time.Second

// Load runs the program, as Collect does: its output is the system's state
// now.
func (in *instance) Load(ctx context.Context) (*providers.Document, error) {
	return in.Collect(ctx)
}

// Collect runs the program and reads one JSON value from its standard output.
func (in *instance) Collect(ctx context.Context) (*providers.Document, error) {
	dir, err := in.workDir()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	out, stderr, err := in.run(ctx, dir)
	if err != nil {
		return nil, err
	}
	if len(strings.TrimSpace(string(out))) == 0 {
		return nil, in.fail("No output", "the program wrote nothing to standard output; it must write one JSON value (an object, an array, …)", stderr)
	}
	// A UTF-8 byte order mark, which some Windows tools write, is not JSON.
	out = bytes.TrimPrefix(out, []byte("\uFEFF"))
	value, err := providers.DecodeJSON("stdout", out)
	if err != nil {
		e := &Error{Program: in.argv[0], Summary: "Invalid JSON", Detail: err.Error(), Stderr: stderr}
		var se *providers.SourceError
		if errors.As(err, &se) {
			e.Detail, e.Line, e.Column = se.Detail, se.Line, se.Column
		}
		return nil, e
	}
	items := 1
	if list, ok := value.([]any); ok {
		items = len(list)
	}
	return &providers.Document{
		Value:       value,
		Items:       items,
		CollectedAt: start.UTC(),
		Params:      in.params(),
	}, nil
}

// workDir is the directory the program runs in: dir inside the repository,
// which must exist.
func (in *instance) workDir() (string, error) {
	st, err := fs.Stat(in.env.FS, in.dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("command provider: the dir %q does not exist in the policy repository; create it, or correct dir", in.dir)
	case err != nil:
		return "", fmt.Errorf("command provider: reading the dir %q: %v; check its permissions", in.dir, err)
	case !st.IsDir():
		return "", fmt.Errorf("command provider: the dir %q is a file, not a directory; name the directory the program runs in", in.dir)
	}
	return filepath.Join(in.env.Dir, filepath.FromSlash(in.dir)), nil
}

// run runs the program in its own process group, killed whole when the time
// limit passes or the output grows past max_output, and returns its standard
// output and the tail of its standard error.
func (in *instance) run(ctx context.Context, dir string) ([]byte, string, error) {
	limited, cancel := context.WithTimeout(ctx, in.timeout)
	defer cancel()
	overflow, stop := context.WithCancel(limited)
	defer stop()

	cmd := exec.CommandContext(overflow, in.argv[0], in.argv[1:]...)
	cmd.Dir = dir
	cmd.Env = in.environ()
	cmd.Stdin = nil // /dev/null
	stdout := &capped{limit: in.maxOutput, full: stop}
	stderr := &tail{size: stderrTail}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	setProcessGroup(cmd)
	cmd.Cancel = func() error { return killGroup(cmd.Process) }
	cmd.WaitDelay = waitDelay

	err := cmd.Start()
	if err != nil {
		return nil, "", in.startError(err)
	}
	err = cmd.Wait()
	// Children the program left behind, in its group, die with it.
	killGroup(cmd.Process) //nolint:errcheck // the group may be gone already

	if stdout.exceeded {
		return nil, stderr.String(), in.fail("Output too large",
			fmt.Sprintf("the program wrote more than %d bytes to standard output (max_output) and was stopped; raise max_output or make the output smaller", in.maxOutput), stderr.String())
	}
	if err == nil {
		return stdout.buf, stderr.String(), nil
	}
	if ctx.Err() != nil {
		return nil, "", ctx.Err()
	}
	if errors.Is(limited.Err(), context.DeadlineExceeded) {
		return nil, stderr.String(), in.fail("Time limit exceeded",
			fmt.Sprintf("the program did not finish within %s (timeout) and was stopped, with the processes it started; raise timeout if it needs longer", in.timeout), stderr.String())
	}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return nil, stderr.String(), in.fail("Program failed", exitReason(exit.ProcessState), stderr.String())
	case errors.Is(err, exec.ErrWaitDelay):
		return nil, stderr.String(), in.fail("Output left open",
			"the program exited, but a process it started kept its standard output open; make the program wait for its children, or close their output", stderr.String())
	default:
		return nil, stderr.String(), in.fail("Program failed", err.Error(), stderr.String())
	}
}

// exitReason says how a program that failed ended.
func exitReason(ps *os.ProcessState) string {
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return fmt.Sprintf("the program was killed by signal %d (%s)", int(ws.Signal()), ws.Signal())
	}
	return fmt.Sprintf("the program exited with status %d; a command provider's program must exit with 0 and write JSON to standard output", ps.ExitCode())
}

// startError explains why the program could not be started.
func (in *instance) startError(err error) error {
	detail := err.Error()
	switch {
	case errors.Is(err, exec.ErrNotFound):
		detail = fmt.Sprintf("%q is not on PATH; name the program by its path, relative to dir, or install it", in.argv[0])
	case errors.Is(err, exec.ErrDot):
		detail = fmt.Sprintf("%q resolves to a program in the current directory through PATH, which socle refuses; write ./%s", in.argv[0], in.argv[0])
	case errors.Is(err, fs.ErrNotExist):
		detail = fmt.Sprintf("%q does not exist (relative paths start at dir, %q)", in.argv[0], in.dir)
	case errors.Is(err, fs.ErrPermission):
		detail = fmt.Sprintf("%q cannot be run: permission denied (is it executable? a script can be run as [\"/bin/sh\", %q])", in.argv[0], in.argv[0])
	}
	return &Error{Program: in.argv[0], Summary: "Cannot start the program", Detail: detail}
}

func (in *instance) fail(summary, detail, stderr string) *Error {
	return &Error{Program: in.argv[0], Summary: summary, Detail: detail, Stderr: stderr}
}

// environ is socle's environment with the configured variables added
// (replacing any of the same name).
func (in *instance) environ() []string {
	env := os.Environ()
	if len(in.vars) == 0 {
		return env
	}
	env = slices.DeleteFunc(env, func(kv string) bool {
		name, _, _ := strings.Cut(kv, "=")
		_, set := in.vars[name]
		return set
	})
	for _, name := range slices.Sorted(maps.Keys(in.vars)) {
		env = append(env, name+"="+in.vars[name])
	}
	return env
}

// params are the document's source parameters: the program, its literal
// arguments, the directory, and the names (not the values) of the added
// environment variables.
func (in *instance) params() map[string]string {
	var args strings.Builder
	enc := json.NewEncoder(&args)
	enc.SetEscapeHTML(false)
	enc.Encode(in.shown[1:]) //nolint:errcheck // strings always encode
	p := map[string]string{
		"program": in.argv[0],
		"args":    strings.TrimSuffix(args.String(), "\n"),
		"dir":     in.dir,
		"timeout": in.timeout.String(),
	}
	if len(in.vars) > 0 {
		p["env"] = strings.Join(slices.Sorted(maps.Keys(in.vars)), ",")
	}
	p["max_output"] = strconv.FormatInt(in.maxOutput, 10)
	return p
}
