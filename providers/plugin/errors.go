package plugin

import (
	"path/filepath"
	"strings"
)

// Error is a plug-in that could not run, failed, or answered something socle
// cannot read; or a problem the plug-in itself reported without naming a file
// of the repository (one that names a file is a *providers.SourceError).
type Error struct {
	Plugin  string // the executable's path
	Method  string // "schema", "load" or "collect"
	Summary string // short, e.g. "Plug-in failed"
	Detail  string // what went wrong and what to do
	Stderr  string // the end of what the plug-in wrote to its standard error, if anything
	Err     error  // the cause, when there is one (context.DeadlineExceeded, an *exec.ExitError, …)
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("plug-in ")
	b.WriteString(filepath.Base(e.Plugin))
	if e.Method != "" {
		b.WriteString(" (" + e.Method + ")")
	}
	b.WriteString(": ")
	b.WriteString(e.Summary)
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	if e.Stderr != "" {
		b.WriteString("\nIts standard error ended with:")
		for line := range strings.SplitSeq(e.Stderr, "\n") {
			b.WriteString("\n  ")
			b.WriteString(line)
		}
	}
	return b.String()
}

// Unwrap returns the cause, so errors.Is(err, context.Canceled) works.
func (e *Error) Unwrap() error { return e.Err }
