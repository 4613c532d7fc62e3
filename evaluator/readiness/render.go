package readiness

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/socle-dev/socle/evaluator/report"
)

// Formats are the formats an assessment renders to.
var Formats = []string{"text", "markdown", "html", "json"}

// Render writes the assessment in a format; an unknown format is an error.
func Render(w io.Writer, a *Assessment, format string) error {
	switch format {
	case "text":
		_, err := io.WriteString(w, Text(a))
		return err
	case "markdown":
		_, err := io.WriteString(w, Markdown(a))
		return err
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(a)
	case "html":
		return htmlPage.Execute(w, a)
	}
	return fmt.Errorf("unknown readiness format %q: use one of %s", format, strings.Join(Formats, ", "))
}

func heading(a *Assessment) string {
	who := strings.TrimSpace(strings.Join(nonEmpty(a.Organization, a.System), " — "))
	if who == "" {
		who = "the policy repository"
	}
	return who
}

func nonEmpty(s ...string) []string {
	var out []string
	for _, x := range s {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}

func mark(ok bool) string {
	if ok {
		return "yes"
	}
	return "no"
}

// documented says what the documentation check found, in a few words.
func documented(d Documentation) string {
	if d.OK {
		if d.DerivedProcess {
			return "yes (test procedure derived)"
		}
		return "yes"
	}
	var missing []string
	if !d.Description {
		missing = append(missing, "description")
	}
	if !d.Owner {
		missing = append(missing, "owner")
	}
	if !d.Frequency {
		missing = append(missing, "frequency")
	}
	if !d.TestProcedure && !d.DerivedProcess {
		missing = append(missing, "test procedure")
	}
	return "no: " + strings.Join(missing, ", ") + " missing"
}

func designed(c Control) string {
	g := c.Designed
	if !c.Automated {
		return fmt.Sprintf("manual, %d evidence %s", g.EvidenceFiles, plural("file", g.EvidenceFiles))
	}
	s := fmt.Sprintf("%s; %d Rego %s, %d test %s", mark(g.OK), g.RegoTests, plural("test", g.RegoTests), g.TestBlocks, plural("block", g.TestBlocks))
	if n := len(g.RegoFailed) + len(g.TestsFailed); n > 0 {
		s += fmt.Sprintf(", %d failing", n)
	}
	return s
}

func operating(c Control) string {
	var parts []string
	for _, t := range c.Operating.Targets {
		p := fmt.Sprintf("%s %d/%d %s", t.Target, t.Covered, t.Expected, plural(t.Occurrence, t.Expected))
		if t.Latest != "" {
			p += ", latest " + string(t.Latest)
		}
		if t.Due != "" {
			p += ", " + t.Due + " due"
		}
		parts = append(parts, p)
	}
	return mark(c.Operating.OK) + "; " + strings.Join(parts, "; ")
}

func waivers(c Control) string {
	if len(c.Waivers) == 0 {
		return "none"
	}
	var parts []string
	for _, w := range c.Waivers {
		parts = append(parts, fmt.Sprintf("%s %s (expires %s)", w.Label, w.State, w.Expires))
	}
	return strings.Join(parts, "; ")
}

// Text is the terminal view.
func Text(a *Assessment) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Readiness of %s as of %s (the last %d days, from %s)\n", heading(a), a.AsOf, a.Days, a.From)
	fmt.Fprintf(&b, "Evidence store: %s\n", a.Store)
	fmt.Fprintf(&b, "Verdict: %s\n", a.Verdict)
	fmt.Fprintf(&b, "%d of %d objectives ready, %d of %d controls ready, %s expiring within %d days, %s unmitigated\n",
		a.Summary.ObjectivesReady, a.Summary.Objectives, a.Summary.ControlsReady, a.Summary.Controls, count(a.Summary.WaiversExpiring, "waiver"), a.Within, count(a.Summary.RisksUnmitigated, "risk"))
	for _, g := range a.Gaps {
		fmt.Fprintf(&b, "  ! %s: %s\n", g.Area, g.Problem)
	}
	for _, ob := range a.Objectives {
		fmt.Fprintf(&b, "\n%s %s: %s\n", ob.Ref, ob.Title, ob.Verdict)
		for _, g := range ob.Gaps {
			fmt.Fprintf(&b, "  ! %s: %s\n", g.Area, g.Problem)
		}
		for _, c := range ob.Controls {
			state := "ready"
			if !c.Ready {
				state = fmt.Sprintf("%d %s", len(c.Gaps), plural("gap", len(c.Gaps)))
			}
			fmt.Fprintf(&b, "  %s %s  %s (%s, owner %s): %s\n", c.Ref, c.Label, c.Title, c.Frequency, orNone(c.Owner), state)
			fmt.Fprintf(&b, "      documented: %s\n", documented(c.Documented))
			fmt.Fprintf(&b, "      designed:   %s\n", designed(c))
			fmt.Fprintf(&b, "      operating:  %s\n", operating(c))
			fmt.Fprintf(&b, "      waivers:    %s\n", waivers(c))
			for _, g := range c.Gaps {
				fmt.Fprintf(&b, "      ! %s: %s\n", g.Area, g.Problem)
			}
		}
	}
	if len(a.Actions) > 0 {
		b.WriteString("\nActions\n")
		for i, x := range a.Actions {
			fmt.Fprintf(&b, "%3d. %s\n", i+1, actionLine(x))
		}
	}
	return b.String()
}

func actionLine(x Action) string {
	where := strings.TrimSpace(strings.Join(nonEmpty(x.Objective, x.Control), " "))
	if where == "" {
		where = "overall"
	}
	s := fmt.Sprintf("[%s] %s: %s; %s", x.Area, where, x.Problem, x.Action)
	if x.Owner != "" {
		s += " (owner " + x.Owner + ")"
	}
	return s
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func md(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// Markdown is the view for a pull request comment or a wiki page.
func Markdown(a *Assessment) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Readiness of %s\n\n", md(heading(a)))
	fmt.Fprintf(&b, "As of %s, over the last %d days (from %s). Evidence store: `%s`.\n\n", a.AsOf, a.Days, a.From, a.Store)
	fmt.Fprintf(&b, "**Verdict: %s.** %d of %d objectives ready, %d of %d controls ready, %s expiring within %d days, %s unmitigated.\n",
		a.Verdict, a.Summary.ObjectivesReady, a.Summary.Objectives, a.Summary.ControlsReady, a.Summary.Controls, count(a.Summary.WaiversExpiring, "waiver"), a.Within, count(a.Summary.RisksUnmitigated, "risk"))
	for _, g := range a.Gaps {
		fmt.Fprintf(&b, "\n- **%s:** %s\n", g.Area, md(g.Problem))
	}
	for _, ob := range a.Objectives {
		fmt.Fprintf(&b, "\n## %s %s — %s\n\n", ob.Ref, md(ob.Title), ob.Verdict)
		for _, g := range ob.Gaps {
			fmt.Fprintf(&b, "- **%s:** %s\n", g.Area, md(g.Problem))
		}
		if len(ob.Controls) == 0 {
			continue
		}
		if len(ob.Gaps) > 0 {
			b.WriteString("\n")
		}
		b.WriteString("| Control | Owner | Documented | Designed | Operating | Waivers | Gaps |\n| --- | --- | --- | --- | --- | --- | --- |\n")
		for _, c := range ob.Controls {
			var gaps []string
			for _, g := range c.Gaps {
				gaps = append(gaps, g.Area+": "+g.Problem)
			}
			if len(gaps) == 0 {
				gaps = []string{"ready"}
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", md(strings.TrimSpace(c.Ref+" "+c.Label)+" — "+c.Title), md(orNone(c.Owner)),
				md(documented(c.Documented)), md(designed(c)), md(operating(c)), md(waivers(c)), md(strings.Join(gaps, "<br>")))
		}
	}
	if len(a.Actions) > 0 {
		b.WriteString("\n## Actions\n\n")
		for i, x := range a.Actions {
			fmt.Fprintf(&b, "%d. %s\n", i+1, md(actionLine(x)))
		}
	}
	return b.String()
}

var htmlPage = template.Must(template.New("readiness").Funcs(template.FuncMap{
	"css":        func() template.CSS { return template.CSS(report.Stylesheet() + readinessCSS) },
	"heading":    heading,
	"documented": documented,
	"designed":   designed,
	"waivers":    waivers,
	"orNone":     orNone,
	"action":     actionLine,
	"inc":        func(i int) int { return i + 1 },
	"join":       strings.Join,
	"spans":      Spans,
	"plural":     plural,
}).Parse(htmlTemplate))

const readinessCSS = `
.badge.gap { background: #fbe5e3; color: #9b2a24; }
ul.gaps { margin: 4px 0 0; padding-left: 18px; color: #9b2a24; }
ol.actions li { margin: 4px 0; }
`

const htmlTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Readiness — {{heading .}}</title>
<style>{{css}}</style>
</head>
<body>
<main>
<h1>Readiness assessment</h1>
<p class="lead">{{heading .}} — as of {{.AsOf}}, over the last {{.Days}} days (from {{.From}}). Evidence store: <code>{{.Store}}</code>.</p>
<div class="cards">
<div class="card {{if .Ready}}good{{else}}bad{{end}}"><div class="value">{{if .Ready}}Ready{{else}}{{.Summary.Gaps}}{{end}}</div><div class="label">{{if .Ready}}verdict{{else}}{{plural "gap" .Summary.Gaps}}{{end}}</div></div>
<div class="card"><div class="value">{{.Summary.ObjectivesReady}}/{{.Summary.Objectives}}</div><div class="label">objectives ready</div></div>
<div class="card"><div class="value">{{.Summary.ControlsReady}}/{{.Summary.Controls}}</div><div class="label">controls ready</div></div>
<div class="card{{if .Summary.WaiversExpiring}} bad{{end}}"><div class="value">{{.Summary.WaiversExpiring}}</div><div class="label">waivers expiring within {{.Within}} days</div></div>
<div class="card{{if .Summary.RisksUnmitigated}} bad{{end}}"><div class="value">{{.Summary.RisksUnmitigated}}</div><div class="label">{{plural "risk" .Summary.RisksUnmitigated}} unmitigated</div></div>
</div>
<p><strong>Verdict: {{.Verdict}}.</strong></p>
{{if .Gaps}}<ul class="gaps">{{range .Gaps}}<li>{{.Area}}: {{.Problem}}</li>{{end}}</ul>{{end}}
{{range .Objectives}}
<h2>{{.Ref}} {{.Title}} <span class="badge {{if .Ready}}ok{{else}}gap{{end}}">{{.Verdict}}</span></h2>
{{if .Gaps}}<ul class="gaps">{{range .Gaps}}<li>{{.Area}}: {{.Problem}}</li>{{end}}</ul>{{end}}
{{if .Controls}}<table>
<thead><tr><th>Control</th><th>Owner</th><th>Documented</th><th>Designed</th><th>Operating</th><th>Waivers</th></tr></thead>
<tbody>
{{range .Controls}}<tr>
<td><strong>{{.Ref}} {{.Label}}</strong> <span class="badge {{if .Ready}}ok{{else}}gap{{end}}">{{if .Ready}}ready{{else}}{{len .Gaps}} {{plural "gap" (len .Gaps)}}{{end}}</span><div class="meta">{{.Title}} · {{.Frequency}}</div>
{{if .Gaps}}<ul class="gaps">{{range .Gaps}}<li>{{.Area}}: {{.Problem}}</li>{{end}}</ul>{{end}}</td>
<td>{{orNone .Owner}}</td>
<td>{{documented .Documented}}</td>
<td>{{designed .}}</td>
<td>{{range .Operating.Targets}}<div><code>{{.Target}}</code> {{.Covered}}/{{.Expected}} {{plural .Occurrence .Expected}}{{if .Latest}}, latest {{.Latest}}{{end}}{{if .Due}}, {{.Due}} due{{end}}{{if .Missing}}<div class="meta">missing: {{spans .Missing}}</div>{{end}}{{if .Failed}}<div class="meta">failed: {{spans .Failed}}</div>{{end}}{{if .Errored}}<div class="meta">errored: {{spans .Errored}}</div>{{end}}</div>{{end}}</td>
<td>{{waivers .}}</td>
</tr>
{{end}}</tbody>
</table>{{end}}
{{end}}
{{if .Actions}}<h2>Actions</h2>
<ol class="actions">{{range .Actions}}<li>{{action .}}</li>{{end}}</ol>{{end}}
</main>
</body>
</html>
`
