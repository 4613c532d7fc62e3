package report

import (
	_ "embed"
	"html/template"
	"io"
	"strings"
	"time"
)

//go:embed templates/report.html.tmpl
var htmlTemplate string

//go:embed templates/report.css
var htmlCSS string

// HTML writes the report as one self-contained HTML file: the stylesheet
// inline, the charts inline SVG, no script, font, image or link to anything
// outside the file, so it works offline and prints to PDF (a print
// stylesheet opens the collapsed deviations and breaks pages by section).
type HTML struct{}

var htmlPage = template.Must(template.New("report").Funcs(template.FuncMap{
	"title":      title,
	"coverLines": coverLines,
	"css":        func() template.CSS { return template.CSS(htmlCSS) },
	"chart":      chart,
	"ints":       joinInts,
	"join":       strings.Join,
	"time":       func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"resources":  resources,
	"applied":    appliedSpan,
	"selection":  selection,
	"short":      short,
	"plural":     plural,
	"kindWord": func(k string) string {
		switch k {
		case "failed":
			return "failed"
		case "errored":
			return "did not operate (errored)"
		}
		return "did not operate (no record)"
	},
	"targets": func(r Row) string {
		var ts []string
		for _, t := range r.Targets {
			ts = append(ts, t.Target)
		}
		return strings.Join(ts, ", ")
	},
}).Parse(htmlTemplate))

// Render implements Renderer.
func (HTML) Render(w io.Writer, r *Report) error {
	return htmlPage.Execute(w, r)
}

// Stylesheet is the report's stylesheet, for the other self-contained HTML
// pages socle writes (socle readiness) to look the same.
func Stylesheet() string { return htmlCSS }
