package file

import (
	"bytes"
	"encoding/json"

	"github.com/socle-dev/socle/providers"
)

// parseJSON parses one JSON value. Its items are the elements of a top-level
// array, each with the line it starts on, or else the value itself.
func parseJSON(file string, data []byte) (*parsed, error) {
	if err := providers.CheckJSON(file, data); err != nil {
		return nil, err
	}
	// data is well-formed from here on: decode errors cannot happen, but are
	// reported rather than ignored should encoding/json disagree.
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	start := skipSpace(data, 0)
	if data[start] != '[' {
		var v any
		if err := d.Decode(&v); err != nil {
			return nil, providers.JSONError(file, data, err)
		}
		return &parsed{content: v, items: []item{{line: lineOf(data, start), value: v}}}, nil
	}
	if _, err := d.Token(); err != nil {
		return nil, providers.JSONError(file, data, err)
	}
	elems := []any{}
	var items []item
	for d.More() {
		at := skipSpace(data, int(d.InputOffset()))
		var v any
		if err := d.Decode(&v); err != nil {
			return nil, providers.JSONError(file, data, err)
		}
		elems = append(elems, v)
		items = append(items, item{line: lineOf(data, at), value: v})
	}
	return &parsed{content: elems, items: items}, nil
}

// skipSpace returns the offset of the first byte at or after i that is
// neither JSON white space nor the comma between array elements.
func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\r', '\n', ',':
			i++
		default:
			return i
		}
	}
	return i
}

func lineOf(data []byte, offset int) int {
	line, _ := providers.LineColumn(data, offset)
	return line
}
