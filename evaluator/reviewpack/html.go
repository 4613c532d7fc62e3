package reviewpack

import (
	"bytes"
	_ "embed"
	"html/template"
	"strings"
	"time"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
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

// regoLexer is a Rego lexer of our own, and regoStyle a style of our own in
// GitHub's colours, rather than chroma's registries: importing chroma's
// lexers and styles packages builds every lexer and style it has when the
// program starts (18 ms of every socle command, most of its start-up).
// Styles are inline, so each page stays self-contained.
var (
	regoLexer = chroma.Coalesce(chroma.MustNewLexer(&chroma.Config{Name: "Rego", Aliases: []string{"rego"}, Filenames: []string{"*.rego"}}, func() chroma.Rules {
		return chroma.Rules{"root": {
			{Pattern: `\s+`, Type: chroma.TextWhitespace},
			{Pattern: `#.*`, Type: chroma.CommentSingle},
			{Pattern: "`[^`]*`", Type: chroma.LiteralStringBacktick},
			{Pattern: `"(\\.|[^"\\\n])*"`, Type: chroma.LiteralStringDouble},
			{Pattern: `\d+(\.\d+)?([eE][+-]?\d+)?`, Type: chroma.LiteralNumber},
			{Pattern: `\b(package|import|default|if|else|some|every|in|contains|not|with|as)\b`, Type: chroma.Keyword},
			{Pattern: `\b(true|false|null)\b`, Type: chroma.KeywordConstant},
			{Pattern: `\b(input|data)\b`, Type: chroma.NameBuiltinPseudo},
			{Pattern: `[A-Za-z_][A-Za-z0-9_]*`, Type: chroma.Name},
			{Pattern: `:=|==|!=|<=|>=|[=<>+\-*/%|&]`, Type: chroma.Operator},
			{Pattern: `[\[\]{}().,;:]`, Type: chroma.Punctuation},
			{Pattern: `.`, Type: chroma.Text},
		}}
	}))
	regoFormatter = chromahtml.New(chromahtml.WithClasses(false), chromahtml.TabWidth(4), chromahtml.WithLineNumbers(true))
	regoStyle     = chroma.MustNewStyle("socle", chroma.StyleEntries{
		chroma.Background:            "bg:#ffffff #1f2328",
		chroma.Comment:               "italic #6e7781",
		chroma.Keyword:               "#cf222e",
		chroma.KeywordConstant:       "#0550ae",
		chroma.NameBuiltinPseudo:     "#953800",
		chroma.LiteralString:         "#0a3069",
		chroma.LiteralNumber:         "#0550ae",
		chroma.Operator:              "#cf222e",
		chroma.LineNumbers:           "#8c959f",
		chroma.LineNumbersTable:      "#8c959f",
		chroma.GenericEmph:           "italic",
		chroma.GenericStrong:         "bold",
		chroma.NameFunction:          "#6639ba",
		chroma.LiteralStringBacktick: "#0a3069",
	})
)

// highlightRego renders Rego source as highlighted HTML, or escaped plain
// text when it cannot.
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
