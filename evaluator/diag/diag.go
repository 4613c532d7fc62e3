// Package diag holds the small pieces every layer needs to report positioned
// problems as hcl.Diagnostics: ranges computed from a line and column in any
// text file (Rego modules, snapshots), and the writer that prints diagnostics
// with file, line, column and a source snippet.
//
// It imports only hcl.
package diag

import (
	"bytes"
	"fmt"
	"io"

	"github.com/hashicorp/hcl/v2"
)

// RangeAt returns the range of length bytes starting at line:column (1-based) in
// src, with byte offsets filled in so that the diagnostic writer can underline
// it. A line or column outside src is clamped.
func RangeAt(filename string, src []byte, line, column, length int) hcl.Range {
	line, column = max(line, 1), max(column, 1)
	off, cur := 0, 1
	for cur < line {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		cur++
	}
	lineEnd := len(src)
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		lineEnd = off + i
	}
	start := min(off+column-1, lineEnd)
	end := min(start+max(length, 1), lineEnd)
	if end < start {
		end = start
	}
	return hcl.Range{
		Filename: filename,
		Start:    hcl.Pos{Line: cur, Column: start - off + 1, Byte: start},
		End:      hcl.Pos{Line: cur, Column: end - off + 1, Byte: end},
	}
}

// Writer prints diagnostics the way HCL does: file:line:column, the summary, a
// snippet of the source with the range underlined, and the detail.
type Writer struct {
	w     hcl.DiagnosticWriter
	files map[string]*hcl.File
}

// NewWriter returns a writer that takes snippets from sources, keyed by the
// file names the diagnostics use. width wraps the detail text (0: no wrapping);
// color adds terminal colour.
func NewWriter(out io.Writer, sources map[string][]byte, width uint, color bool) *Writer {
	files := make(map[string]*hcl.File, len(sources))
	for name, src := range sources {
		files[name] = &hcl.File{Bytes: src}
	}
	return &Writer{w: hcl.NewDiagnosticTextWriter(out, files, width, color), files: files}
}

// Write prints every diagnostic, errors and warnings alike, in order. The
// summary of a positioned diagnostic starts with FILE:LINE:COLUMN, the form
// editors and CI log viewers link to.
func (w *Writer) Write(diags hcl.Diagnostics) error {
	for _, d := range diags {
		if d.Subject != nil && d.Subject.Filename != "" {
			c := *d
			c.Summary = fmt.Sprintf("%s:%d:%d: %s", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column, d.Summary)
			d = &c
		}
		if err := w.w.WriteDiagnostic(d); err != nil {
			return err
		}
	}
	return nil
}
