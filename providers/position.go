package providers

import (
	"bytes"
	"unicode/utf8"
)

// LineColumn returns the 1-based line and column of the byte at offset in
// data. Columns count characters (runes), as an editor shows them. An offset
// past the end of data is clamped to the end.
func LineColumn(data []byte, offset int) (line, column int) {
	offset = max(0, min(offset, len(data)))
	before := data[:offset]
	line = bytes.Count(before, []byte{'\n'}) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[lineStart:]) + 1
}
