// Package output renders a result.Document in each format `socle eval --format`
// offers, one file per format behind one small interface. An unknown format is
// an error, never a silent fallback.
//
// It imports evaluator/result, and evaluator/addrs for its did-you-mean.
package output

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/result"
)

// Formatter writes a result document in one format.
type Formatter interface {
	Format(w io.Writer, doc *result.Document) error
}

// Options apply to every format that can use them.
type Options struct {
	// Color adds terminal colour (text format only). Callers set it only when
	// writing to a terminal and NO_COLOR is unset.
	Color bool
}

var formats = map[string]func(Options) Formatter{
	"text":     func(o Options) Formatter { return &Text{Color: o.Color} },
	"json":     func(Options) Formatter { return JSON{} },
	"evidence": func(Options) Formatter { return Evidence{} },
	"sarif":    func(Options) Formatter { return SARIF{} },
	"junit":    func(Options) Formatter { return JUnit{} },
	"github":   func(Options) Formatter { return GitHub{} },
	"markdown": func(Options) Formatter { return Markdown{} },
}

// Names lists the formats, sorted.
func Names() []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Lookup returns the formatter for a format name.
func Lookup(name string, opts Options) (Formatter, error) {
	f, ok := formats[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q: use one of %s.%s", name, strings.Join(Names(), ", "), addrs.Suggest(name, Names()))
	}
	return f(opts), nil
}

// OmittedNote says how many findings (or warnings) of a result an output
// leaves out past limits { findings }.
func OmittedNote(n int, one, many string) string {
	return fmt.Sprintf("… and %d more %s, counted but not shown (limits { findings } in the socle block)", n, plural(n, one, many))
}
