package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/result"
)

// Formats lists the formats a report renders in.
var Formats = []string{"text", "json", "markdown"}

// Write renders the report in a format.
func (r *Report) Write(w io.Writer, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	case "text":
		_, err := io.WriteString(w, r.text())
		return err
	case "markdown":
		_, err := io.WriteString(w, r.markdown())
		return err
	}
	return fmt.Errorf("unknown format %q: use one of %s.%s", format, strings.Join(Formats, ", "), addrs.Suggest(format, Formats))
}

var headings = map[string]string{
	NewlyFailing:      "Newly failing",
	NewFindings:       "New failing resources",
	NewlyErroring:     "No longer operating",
	Added:             "Added",
	Removed:           "Removed",
	Fixed:             "Fixed",
	ErrorResolved:     "Operating again",
	NewlyWaived:       "Newly waived",
	StillFailing:      "Still failing",
	PopulationChanged: "Population changed",
}

// Verdict is the one-line summary.
func (r *Report) Verdict() string {
	gating := 0
	for _, c := range r.Changes {
		if c.Gates() {
			gating++
		}
	}
	if gating > 0 {
		return fmt.Sprintf("this change makes %d %s worse", gating, plural(gating, "control", "controls"))
	}
	if r.Counts[Fixed] > 0 {
		return fmt.Sprintf("no new failures; %d fixed", r.Counts[Fixed])
	}
	return "no new failures"
}

func (r *Report) text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "socle diff: %s\n", r.Verdict())
	fmt.Fprintf(&b, "base %s (%s) → head %s (%s)\n", r.Base.ID, short(r.Base.GitCommit), r.Head.ID, short(r.Head.GitCommit))
	for _, kind := range order {
		var cs []*Change
		for _, c := range r.Changes {
			if c.Kinds[0] == kind {
				cs = append(cs, c)
			}
		}
		if len(cs) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%s (%d)\n", headings[kind], len(cs))
		for _, c := range cs {
			fmt.Fprintf(&b, "  %s  %s  %s\n", name(c), c.Target, c.describe())
			for _, f := range c.NewFindings {
				fmt.Fprintf(&b, "      + %s\n", finding(f))
			}
			for _, f := range c.FixedFindings {
				fmt.Fprintf(&b, "      - %s\n", finding(f))
			}
			for _, f := range c.Waived {
				fmt.Fprintf(&b, "      ~ %s\n", finding(f))
			}
		}
	}
	if len(r.Changes) == 0 {
		b.WriteString("\nNo control changed.\n")
	}
	return b.String()
}

func (r *Report) markdown() string {
	var b strings.Builder
	icon := "✅"
	if r.HasNewFailures() {
		icon = "❌"
	}
	fmt.Fprintf(&b, "### socle diff: %s %s\n\n", icon, r.Verdict())
	if len(r.Changes) == 0 {
		b.WriteString("No control changed.\n")
	} else {
		b.WriteString("| Change | Control | Target | Status | Population |\n| --- | --- | --- | --- | --- |\n")
		for _, c := range r.Changes {
			fmt.Fprintf(&b, "| %s | %s | `%s` | %s | %s |\n", headings[c.Kinds[0]], cell(name(c)), c.Target, cell(status(c)), cell(population(c)))
		}
		for _, c := range r.Changes {
			if len(c.NewFindings)+len(c.FixedFindings)+len(c.Waived) == 0 {
				continue
			}
			fmt.Fprintf(&b, "\n<details><summary>%s on <code>%s</code></summary>\n\n", cell(name(c)), c.Target)
			for _, f := range c.NewFindings {
				fmt.Fprintf(&b, "- ❌ %s\n", cell(finding(f)))
			}
			for _, f := range c.FixedFindings {
				fmt.Fprintf(&b, "- ✅ %s\n", cell(finding(f)))
			}
			for _, f := range c.Waived {
				fmt.Fprintf(&b, "- 〰️ waived: %s\n", cell(finding(f)))
			}
			b.WriteString("\n</details>\n")
		}
	}
	fmt.Fprintf(&b, "\n---\n<sub>base run %s · head run %s</sub>\n", r.Base.ID, r.Head.ID)
	return b.String()
}

func (c *Change) describe() string {
	parts := []string{status(c)}
	if p := population(c); p != "" {
		parts = append(parts, p)
	}
	if c.Error != nil && c.HeadStatus == result.StatusError {
		parts = append(parts, *c.Error)
	}
	return strings.Join(parts, "; ")
}

func status(c *Change) string {
	switch {
	case c.BaseStatus == "":
		return "new: " + string(c.HeadStatus)
	case c.HeadStatus == "":
		return "was " + string(c.BaseStatus)
	case c.BaseStatus == c.HeadStatus:
		return string(c.HeadStatus)
	}
	return string(c.BaseStatus) + " → " + string(c.HeadStatus)
}

// population says how the population moved: "3 more resources examined (40 → 43)".
func population(c *Change) string {
	if c.BasePop == nil || c.HeadPop == nil || *c.BasePop == *c.HeadPop {
		return ""
	}
	d := *c.HeadPop - *c.BasePop
	word := "more"
	if d < 0 {
		word, d = "fewer", -d
	}
	return fmt.Sprintf("%d %s %s examined (%d → %d)", d, word, plural(d, "resource", "resources"), *c.BasePop, *c.HeadPop)
}

func name(c *Change) string {
	return strings.TrimSpace(c.Control.Ref + " " + c.Control.Label)
}

func finding(f result.Finding) string {
	if f.Resource == "" || strings.HasPrefix(f.Message, f.Resource) {
		return f.Message
	}
	return f.Resource + ": " + f.Message
}

func short(commit string) string {
	if commit == "" {
		return "no commit"
	}
	if len(commit) > 12 {
		return commit[:12]
	}
	return commit
}

func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
