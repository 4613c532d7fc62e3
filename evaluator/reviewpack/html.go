package reviewpack

import (
	"bytes"
	_ "embed"
	"html/template"
	"strings"
	"time"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

//go:embed templates/pack.html.tmpl
var packTemplate string

// page is what one HTML page's template reads.
type page struct {
	Pack      *Pack
	Title     string
	Root      string // "" or "../": the way back to the pack's root
	Objective *Objective
	Control   *Control
}

var packPages = template.Must(template.New("pack").Funcs(template.FuncMap{
	"time":          func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"orDash":        orDash,
	"orNone":        func(s string) string { return map[bool]string{true: "(none)", false: s}[s == ""] },
	"yesNo":         yesNo,
	"join":          strings.Join,
	"testSummary":   testSummary,
	"facts":         controlFacts,
	"gaps":          gapLines,
	"riskScore":     riskScore,
	"mitigatedBy":   mitigatedBy,
	"highlight":     highlightRego,
	"objectivePage": func(o *Objective) string { return objectivePage(o, "html") },
	"controlPage":   func(c *Control) string { return controlPage(c, "html") },
	"short":         func(h string) string { return h[:min(12, len(h))] },
	"changeSections": func(ch *Changes) []struct {
		Title   string
		Changes []Change
	} {
		var out []struct {
			Title   string
			Changes []Change
		}
		for _, s := range changeSections(ch) {
			out = append(out, struct {
				Title   string
				Changes []Change
			}{s.title, s.changes})
		}
		return out
	},
}).Parse(packTemplate))

// regoLexer is chroma's Rego lexer; styles inline, so each page stays
// self-contained.
var (
	regoLexer     = chroma.Coalesce(lexers.Get("rego"))
	regoFormatter = chromahtml.New(chromahtml.WithClasses(false), chromahtml.TabWidth(4), chromahtml.WithLineNumbers(true))
	regoStyle     = styles.Get("github")
)

// highlightRego renders Rego source as highlighted HTML (chroma's lexer for
// Rego), or escaped plain text when it cannot.
func highlightRego(src string) template.HTML {
	it, err := regoLexer.Tokenise(nil, src)
	if err == nil {
		var b bytes.Buffer
		if err = regoFormatter.Format(&b, regoStyle, it); err == nil {
			return template.HTML(b.String())
		}
	}
	return template.HTML("<pre>" + template.HTMLEscapeString(src) + "</pre>")
}

func renderHTML(p *Pack) (map[string][]byte, error) {
	files := map[string][]byte{}
	title := "Policy repository review pack"
	if p.System != "" {
		title += ": " + p.System
	}
	render := func(name, tmpl string, pg page) error {
		var b bytes.Buffer
		if err := packPages.ExecuteTemplate(&b, tmpl, pg); err != nil {
			return err
		}
		files[name] = b.Bytes()
		return nil
	}
	if err := render("index.html", "index", page{Pack: p, Title: title}); err != nil {
		return nil, err
	}
	if err := render("matrix.html", "matrix", page{Pack: p, Title: "Control matrix"}); err != nil {
		return nil, err
	}
	if p.Changes != nil {
		if err := render("changes.html", "changes", page{Pack: p, Title: "Changes since " + p.Changes.Since}); err != nil {
			return nil, err
		}
	}
	for _, o := range p.Objectives {
		if err := render(objectivePage(o, "html"), "objective", page{Pack: p, Title: o.Ref + " " + o.Title, Root: "../", Objective: o}); err != nil {
			return nil, err
		}
	}
	for _, c := range p.Controls {
		if err := render(controlPage(c, "html"), "control", page{Pack: p, Title: c.Ref + " " + c.Title, Root: "../", Control: c}); err != nil {
			return nil, err
		}
	}
	return files, nil
}
