package output

import (
	"fmt"
	"io"
	"strings"

	"github.com/socle-dev/socle/evaluator/result"
)

// MarkdownLimit is GitHub's limit on a comment's length; a summary never
// exceeds it.
const MarkdownLimit = 65536

// Markdown writes a pull-request summary: a one-line verdict, a table per
// objective, failing resources collapsed in <details>, the waivers that
// applied, and a footer with the run id and policy hash. When the whole would
// exceed MarkdownLimit, findings are listed less fully, with a note saying so.
type Markdown struct {
	// Limit overrides MarkdownLimit (tests).
	Limit int
}

// Format implements Formatter.
func (m Markdown) Format(w io.Writer, doc *result.Document) error {
	limit := m.Limit
	if limit <= 0 {
		limit = MarkdownLimit
	}
	var out string
	for _, perControl := range []int{-1, 50, 10, 3, 0} {
		out = renderMarkdown(doc, perControl)
		if len(out) <= limit {
			break
		}
	}
	if len(out) > limit {
		note := "\n\n> **Truncated:** this summary is longer than a GitHub comment allows; the full results are in the JSON or SARIF output.\n"
		cut := strings.LastIndex(out[:limit-len(note)], "\n")
		out = out[:max(cut, 0)] + note
	}
	_, err := io.WriteString(w, out)
	return err
}

func renderMarkdown(doc *result.Document, perControl int) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	s := doc.Summary
	verdict := "✅ every control passed"
	switch {
	case s.Error > 0 && s.Fail > 0:
		verdict = fmt.Sprintf("❌ %d failed, %d did not operate", s.Fail, s.Error)
	case s.Error > 0:
		verdict = fmt.Sprintf("⚠️ %d %s did not operate", s.Error, plural(s.Error, "control", "controls"))
	case s.Fail > 0:
		verdict = fmt.Sprintf("❌ %d %s failed", s.Fail, plural(s.Fail, "control", "controls"))
	case len(doc.Results) == 0:
		verdict = "⚪ nothing was evaluated"
	}
	p("### socle: %s\n\n", verdict)
	p("%d passed · %d failed · %d errors · %d not tested", s.Pass, s.Fail, s.Error, s.NotTested)
	if doc.Run.Organization != "" {
		p(" · %s", cell(strings.TrimSuffix(doc.Run.Organization+" — "+doc.Run.System, " — ")))
	}
	p(" · as of %s\n", doc.Run.AsOf.UTC().Format("2006-01-02 15:04 UTC"))

	omitted := 0
	var details strings.Builder
	last := "\x00"
	for _, r := range doc.Results {
		if r.Objective.Label != last {
			last = r.Objective.Label
			p("\n#### %s\n\n", cell(strings.TrimSpace(r.Objective.Ref+" "+r.Objective.Title)))
			p("| Control | Target | Status | Failing |\n| --- | --- | --- | --- |\n")
		}
		failing, waived := 0, 0
		for _, f := range r.Findings {
			if f.Waived {
				waived++
			} else {
				failing++
			}
		}
		count := "—"
		if r.Population != nil {
			count = fmt.Sprintf("%d of %d", failing, *r.Population)
			if waived > 0 {
				count += fmt.Sprintf(" (%d waived)", waived)
			}
		}
		p("| %s | `%s` | %s | %s |\n", cell(strings.TrimSpace(r.Control.Ref+" "+r.Control.Title)), strings.ReplaceAll(r.Target, "`", "'"), statusBadge(r.Status), count)

		if r.Status == result.StatusError && r.Error != nil {
			fmt.Fprintf(&details, "<details><summary>%s did not operate on <code>%s</code></summary>\n\n```\n%s\n```\n</details>\n\n",
				html(strings.TrimSpace(r.Control.Ref+" "+r.Control.Label)), html(r.Target), strings.ReplaceAll(*r.Error, "```", "'''"))
		}
		if r.Status == result.StatusNotTested && r.Reason != "" {
			fmt.Fprintf(&details, "<details><summary>%s was not tested on <code>%s</code></summary>\n\n%s\n</details>\n\n",
				html(strings.TrimSpace(r.Control.Ref+" "+r.Control.Label)), html(r.Target), html(r.Reason))
		}
		if failing == 0 {
			continue
		}
		fmt.Fprintf(&details, "<details><summary>%s on <code>%s</code>: %d failing %s</summary>\n\n",
			html(strings.TrimSpace(r.Control.Ref+" "+r.Control.Label)), html(r.Target), failing, plural(failing, "resource", "resources"))
		shown := 0
		for _, f := range r.Findings {
			if f.Waived {
				continue
			}
			if perControl >= 0 && shown >= perControl {
				omitted++
				continue
			}
			shown++
			if f.Resource != "" {
				fmt.Fprintf(&details, "- `%s` — %s\n", strings.ReplaceAll(f.Resource, "`", "'"), inline(f.Message))
			} else {
				fmt.Fprintf(&details, "- %s\n", inline(f.Message))
			}
		}
		if perControl >= 0 && failing > perControl {
			fmt.Fprintf(&details, "- … and %d more\n", failing-shown)
		}
		if r.FindingsOmitted > 0 {
			fmt.Fprintf(&details, "- %s\n", OmittedNote(r.FindingsOmitted, "finding", "findings"))
		}
		details.WriteString("\n</details>\n\n")
	}
	if details.Len() > 0 {
		p("\n#### Failures\n\n%s", details.String())
	}
	if omitted > 0 {
		p("> %d findings are not listed, to keep this summary within a GitHub comment; the JSON and SARIF outputs list them (up to limits { findings } per result).\n\n", omitted)
	}

	type applied struct{ waiver, control string }
	seen := map[applied]int{}
	var order []applied
	waivers := map[string]*result.Waiver{}
	for _, r := range doc.Results {
		for _, f := range r.Findings {
			if f.Waiver == nil {
				continue
			}
			k := applied{f.Waiver.Label, strings.TrimSpace(r.Control.Ref + " " + r.Control.Label)}
			if _, ok := seen[k]; !ok {
				order = append(order, k)
				waivers[f.Waiver.Label] = f.Waiver
			}
			seen[k]++
		}
	}
	if len(order) > 0 {
		p("#### Waivers applied\n\n| Waiver | Control | Findings | Approved by | Ticket | Expires | Reason |\n| --- | --- | --- | --- | --- | --- | --- |\n")
		for _, k := range order {
			w := waivers[k.waiver]
			p("| %s | %s | %d | %s | %s | %s | %s |\n", cell(w.Label), cell(k.control), seen[k], cell(w.ApprovedBy), cell(w.Ticket), cell(w.Expires), cell(w.Reason))
		}
		p("\n")
	}
	policy := doc.Run.PolicySHA256
	if len(policy) > 12 {
		policy = policy[:12]
	}
	p("---\n<sub>socle %s · OPA %s · run %s · policies %s</sub>\n", cell(doc.Run.SocleVersion), cell(doc.Run.OPAVersion), cell(doc.Run.ID), policy)
	return b.String()
}

func statusBadge(s result.Status) string {
	switch s {
	case result.StatusPass:
		return "✅ pass"
	case result.StatusFail:
		return "❌ fail"
	case result.StatusError:
		return "⚠️ error"
	}
	return "⚪ not tested"
}

// cell makes text safe in a table cell: one line, pipes escaped, no HTML.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\r", " ", "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}

// inline makes text safe on one list line.
func inline(s string) string {
	return strings.NewReplacer("\r", " ", "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}

func html(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
