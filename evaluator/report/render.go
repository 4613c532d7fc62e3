package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Renderer writes a report in one format.
type Renderer interface {
	Render(w io.Writer, r *Report) error
}

var renderers = map[string]Renderer{
	"oscal":    OSCAL{},
	"xlsx":     XLSX{},
	"html":     HTML{},
	"markdown": Markdown{},
	"json":     JSON{},
}

// Formats lists the format names, sorted.
func Formats() []string {
	names := make([]string, 0, len(renderers))
	for n := range renderers {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Lookup returns the renderer of a format; an unknown format is an error.
func Lookup(name string) (Renderer, error) {
	r, ok := renderers[name]
	if !ok {
		return nil, fmt.Errorf("unknown report format %q: use one of %s", name, strings.Join(Formats(), ", "))
	}
	return r, nil
}
