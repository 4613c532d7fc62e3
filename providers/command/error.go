package command

import (
	"fmt"
	"strings"
)

// Error is a program that could not be run, failed, ran too long, wrote too
// much or wrote something other than one JSON value. It names the program
// and quotes the end of its standard error, where programs say what went
// wrong.
type Error struct {
	Program string // the program as the command names it
	Summary string // short, e.g. "Invalid JSON"
	Detail  string // what happened and what to do
	Line    int    // for invalid JSON: 1-based line in the standard output; 0 otherwise
	Column  int    // for invalid JSON: 1-based column; 0 otherwise
	Stderr  string // the last 2 KiB of its standard error, "" if it wrote none
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "command provider: %q: %s: %s", e.Program, e.Summary, e.Detail)
	if e.Line > 0 {
		fmt.Fprintf(&b, " (standard output, line %d, column %d)", e.Line, e.Column)
	}
	if e.Stderr != "" {
		b.WriteString("; its standard error ends with:\n")
		b.WriteString(e.Stderr)
	}
	return b.String()
}
