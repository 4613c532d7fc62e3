package result

import (
	"fmt"
	"strings"
)

// Exit codes, as the SPEC fixes them.
const (
	ExitOK          = 0 // every evaluated control passed (or failed below --fail-on)
	ExitFailed      = 1 // a control failed at or above --fail-on
	ExitConfig      = 2 // the configuration or the command line is wrong
	ExitNotOperated = 3 // a control errored: it did not operate
)

// Severities, lowest first.
var Severities = []string{"low", "medium", "high", "critical"}

// DefaultSeverity is a control's severity when it sets none.
const DefaultSeverity = "medium"

// Threshold is the --fail-on setting: the lowest severity of a failure that
// fails the run. The zero value fails on every failure.
type Threshold struct {
	rank  int
	never bool
}

// ParseThreshold reads low, medium, high, critical, or none (never fail on a
// failed control; errors still exit 3).
func ParseThreshold(s string) (Threshold, error) {
	if s == "none" {
		return Threshold{never: true}, nil
	}
	if r := rank(s); r >= 0 {
		return Threshold{rank: r}, nil
	}
	return Threshold{}, fmt.Errorf("invalid --fail-on %q: use one of %s, or none", s, strings.Join(Severities, ", "))
}

func rank(sev string) int {
	for i, s := range Severities {
		if s == sev {
			return i
		}
	}
	return -1
}

// Gates tells whether a failure of the given severity fails the run.
func (t Threshold) Gates(severity string) bool {
	if t.never {
		return false
	}
	r := rank(severity)
	if r < 0 {
		r = rank(DefaultSeverity)
	}
	return r >= t.rank
}

// ExitCode is the process exit code for the document: 3 when a control
// errored, else 1 when a failure reaches the threshold, else 0.
func (d *Document) ExitCode(t Threshold) int {
	if d.Summary.Error > 0 {
		return ExitNotOperated
	}
	if d.HasFailure(t) {
		return ExitFailed
	}
	return ExitOK
}

// HasFailure tells whether a failed result reaches the threshold.
func (d *Document) HasFailure(t Threshold) bool {
	for _, r := range d.Results {
		if r.Status == StatusFail && t.Gates(r.Control.Severity) {
			return true
		}
	}
	return false
}
