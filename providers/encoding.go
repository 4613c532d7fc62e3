package providers

import "bytes"

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// TrimBOM returns data without a leading UTF-8 byte order mark, which
// spreadsheet programs and some Windows editors write. Text in UTF-16 (which
// Windows PowerShell's ">" writes) is a *SourceError for file: snapshots are
// read as UTF-8.
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
	return bytes.TrimPrefix(data, bomUTF8), nil
}
