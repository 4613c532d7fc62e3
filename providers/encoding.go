package providers

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// TrimBOM returns data without a leading UTF-8 byte order mark, which
// spreadsheet programs and some Windows editors write. Text in UTF-16 (which
// Windows PowerShell's ">" writes) is a *SourceError for file: snapshots are
// read as UTF-8. So are bytes that are not UTF-8 (a Latin-1 or Windows-1252
// export): a *SourceError at the first one, rather than a value whose text
// the decoders would silently replace with U+FFFD (JSON) or pass through
// unchanged (CSV) and evidence would record replaced.
func TrimBOM(file string, data []byte) ([]byte, error) {
	if bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE) {
		return nil, &SourceError{
			File:    file,
			Line:    1,
			Column:  1,
			Summary: "Unsupported text encoding",
			Detail:  "the file is UTF-16 encoded (Windows PowerShell's \">\" writes UTF-16); save it as UTF-8, e.g. with \"| Out-File -Encoding utf8\"",
		}
	}
	data = bytes.TrimPrefix(data, bomUTF8)
	if !utf8.Valid(data) {
		offset := 0
		for offset < len(data) {
			r, size := utf8.DecodeRune(data[offset:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			offset += size
		}
		line, column := LineColumn(data, offset)
		return nil, &SourceError{
			File:    file,
			Line:    line,
			Column:  column,
			Summary: "Unsupported text encoding",
			Detail:  fmt.Sprintf("the file is not valid UTF-8: the byte 0x%02X here is not part of a UTF-8 character (a Latin-1 or Windows-1252 export?); save it as UTF-8, e.g. with iconv -f WINDOWS-1252 -t UTF-8", data[offset]),
		}
	}
	return data, nil
}
