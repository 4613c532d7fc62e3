package output

import (
	"encoding/json"
	"io"

	"github.com/socle-dev/socle/evaluator/result"
)

// JSON writes the result document (docs/result-format.md), indented, keys in
// a fixed order.
type JSON struct{}

// Format implements Formatter.
func (JSON) Format(w io.Writer, doc *result.Document) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
