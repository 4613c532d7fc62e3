package output

import (
	"bufio"
	"fmt"
	"io"

	"github.com/socle-dev/socle/evaluator/evidence"
	"github.com/socle-dev/socle/evaluator/result"
)

// Evidence writes one evidence record per line (JSON Lines), each as
// {"sha256": "…", "record": {…canonical record…}}: what `--record` stores, for
// inspection or for loading into another system.
type Evidence struct{}

// Format implements Formatter.
func (Evidence) Format(w io.Writer, doc *result.Document) error {
	bw := bufio.NewWriter(w)
	for _, rec := range evidence.FromDocument(doc) {
		b, err := rec.Canonical()
		if err != nil {
			return err
		}
		sum, err := rec.SHA256()
		if err != nil {
			return err
		}
		fmt.Fprintf(bw, "{\"sha256\":%q,\"record\":%s}\n", sum, b)
	}
	return bw.Flush()
}
