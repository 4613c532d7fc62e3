package file

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/socle-dev/socle/providers"
)

// parseCSV parses a CSV file whose first row names the columns. The content
// is an array of row objects keyed by column name, every cell a string; the
// items are the rows. A file without rows (even without a header) is an empty
// array.
func parseCSV(file string, data []byte) (*parsed, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1 // checked here, to say which row and by how much
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return &parsed{content: []any{}}, nil
	}
	if err != nil {
		return nil, csvError(file, data, err)
	}
	headerLine, _ := r.FieldPos(0)
	seen := make(map[string]int, len(header))
	for i, name := range header {
		if j, dup := seen[name]; dup {
			line, col := r.FieldPos(i)
			return nil, &providers.SourceError{
				File: file, Line: line, Column: runeColumn(data, line, col),
				Summary: "Invalid CSV",
				Detail:  fmt.Sprintf("the header names the column %q twice (columns %d and %d); rows are objects keyed by column name, so names must be unique", name, j+1, i+1),
			}
		}
		seen[name] = i
	}
	rows := []any{}
	var items []item
	for {
		record, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvError(file, data, err)
		}
		line, _ := r.FieldPos(0)
		if len(record) != len(header) {
			return nil, &providers.SourceError{
				File: file, Line: line, Column: 1,
				Summary: "Invalid CSV",
				Detail:  fmt.Sprintf("this row has %d fields but the header (line %d) has %d; every row needs one field per column", len(record), headerLine, len(header)),
			}
		}
		row := make(map[string]any, len(header))
		for i, name := range header {
			row[name] = record[i]
		}
		rows = append(rows, row)
		items = append(items, item{line: line, value: row})
	}
	return &parsed{content: rows, items: items}, nil
}

// csvError turns an encoding/csv error into a *providers.SourceError.
func csvError(file string, data []byte, err error) *providers.SourceError {
	e := &providers.SourceError{File: file, Summary: "Invalid CSV", Detail: err.Error()}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		e.Line, e.Column = pe.Line, runeColumn(data, pe.Line, pe.Column)
		e.Detail = pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrBareQuote) || errors.Is(pe.Err, csv.ErrQuote) {
			e.Detail += `; a field holding a quote must be quoted, with each quote inside doubled ("say ""hi""")`
		}
	}
	return e
}

// runeColumn converts the 1-based byte column of encoding/csv into a
// character column on that line.
func runeColumn(data []byte, line, byteCol int) int {
	start := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(data[start:], '\n')
		if i < 0 {
			return byteCol
		}
		start += i + 1
	}
	end := min(start+byteCol-1, len(data))
	if end < start {
		return byteCol
	}
	return utf8.RuneCount(data[start:end]) + 1
}
