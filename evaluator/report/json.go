package report

import (
	"encoding/json"
	"io"
)

// JSON writes the report model itself, indented: the format the others are
// views of (report_version "1").
type JSON struct{}

// Render implements Renderer.
func (JSON) Render(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}
