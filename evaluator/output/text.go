package output

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/socle-dev/socle/evaluator/result"
)

// Text is the human-readable report: results grouped by objective, one line per
// control and target, findings beneath failures, and a summary.
type Text struct {
	Color bool
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiDim    = "\x1b[2m"
)

// Format implements Formatter.
func (t *Text) Format(w io.Writer, doc *result.Document) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }

	head := "socle eval"
	if doc.Run.Organization != "" {
		head += " · " + doc.Run.Organization
		if doc.Run.System != "" {
			head += " — " + doc.Run.System
		}
	}
	p("%s\n", t.paint(ansiBold, head))
	p("%s\n", t.paint(ansiDim, fmt.Sprintf("as of %s · run %s", doc.Run.AsOf.Format("2006-01-02T15:04:05Z07:00"), doc.Run.ID)))

	refW, labelW, targetW := 0, 0, 0
	for _, r := range doc.Results {
		refW = max(refW, len(r.Control.Ref))
		labelW = max(labelW, len(r.Control.Label))
		targetW = max(targetW, len(r.Target))
	}
	lastObjective := "\x00"
	for _, r := range doc.Results {
		key := r.Objective.Label
		if key != lastObjective {
			lastObjective = key
			title := r.Objective.Title
			if r.Objective.Ref != "" {
				title = r.Objective.Ref + "  " + title
			}
			p("\n%s\n", t.paint(ansiBold, title))
		}
		status, color := statusWord(r.Status)
		p("  %s  %-*s  %-*s  %-*s  %s\n",
			t.paint(color, fmt.Sprintf("%-10s", status)),
			refW, r.Control.Ref, labelW, r.Control.Label, targetW, r.Target, detail(r))
		indent := strings.Repeat(" ", 14)
		if r.Status == result.StatusError && r.Error != nil {
			p("%s%s\n", indent, t.paint(ansiRed, strings.ReplaceAll(*r.Error, "\n", "\n"+indent)))
		}
		if r.Status == result.StatusNotTested && r.Reason != "" {
			p("%s%s %s\n", indent, t.paint(ansiYellow, "?"), r.Reason)
		}
		for _, f := range r.Findings {
			mark, c := "✗", ansiRed
			msg := findingText(f)
			if f.Waived {
				mark, c = "~", ansiYellow
				msg += waiverText(f.Waiver)
			}
			p("%s%s %s\n", indent, t.paint(c, mark), strings.ReplaceAll(msg, "\n", "\n"+indent+"  "))
		}
		if r.FindingsOmitted > 0 {
			p("%s%s\n", indent, OmittedNote(r.FindingsOmitted, "finding", "findings"))
		}
		for _, f := range r.Warnings {
			p("%s%s %s\n", indent, t.paint(ansiYellow, "!"), findingText(f))
		}
		if r.WarningsOmitted > 0 {
			p("%s%s\n", indent, OmittedNote(r.WarningsOmitted, "warning", "warnings"))
		}
	}
	s := doc.Summary
	p("\n%s\n", t.paint(ansiBold, fmt.Sprintf("%d %s: %d passed, %d failed, %d errors, %d not tested",
		len(doc.Results), plural(len(doc.Results), "result", "results"), s.Pass, s.Fail, s.Error, s.NotTested)))
	return bw.Flush()
}

func (t *Text) paint(code, s string) string {
	if !t.Color || s == "" {
		return s
	}
	return code + s + ansiReset
}

func statusWord(s result.Status) (string, string) {
	switch s {
	case result.StatusPass:
		return "PASS", ansiGreen
	case result.StatusFail:
		return "FAIL", ansiRed
	case result.StatusError:
		return "ERROR", ansiRed
	default:
		return "NOT TESTED", ansiYellow
	}
}

func detail(r *result.Result) string {
	if r.Population == nil {
		return "did not operate"
	}
	n := *r.Population
	failed, waived := 0, 0
	for _, f := range r.Findings {
		if f.Waived {
			waived++
		} else {
			failed++
		}
	}
	out := fmt.Sprintf("%d %s", n, plural(n, "resource", "resources"))
	switch {
	case n == 0 && len(r.Findings) == 0:
		out = "nothing examined"
	case failed > 0:
		out += fmt.Sprintf(", %d %s", failed, plural(failed, "finding", "findings"))
	}
	if waived > 0 {
		out += fmt.Sprintf(", %d waived", waived)
	}
	return out
}

func findingText(f result.Finding) string {
	if f.Resource == "" || strings.HasPrefix(f.Message, f.Resource) {
		return f.Message
	}
	return f.Resource + ": " + f.Message
}

func waiverText(w *result.Waiver) string {
	if w == nil {
		return ""
	}
	parts := []string{"waived by " + w.Label}
	if w.Ticket != "" {
		parts = append(parts, w.Ticket)
	}
	if w.ApprovedBy != "" {
		parts = append(parts, "approved by "+w.ApprovedBy)
	}
	parts = append(parts, "until "+w.Expires)
	return " (" + strings.Join(parts, ", ") + ")"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
