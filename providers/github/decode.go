package github

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"

	"github.com/socle-dev/socle/providers"
)

// listForm is how a file holds a list the API returns in pages.
type listForm int

const (
	// oneArray: a single JSON array (gh api, or gh api --paginate when the
	// list fits in one page).
	oneArray listForm = iota
	// pages: the arrays of several pages written one after the other, as
	// gh api --paginate writes them: [ … ][ … ].
	pages
	// slurped: an array of the pages' arrays, as gh api --paginate --slurp
	// writes them: [[ … ], [ … ]].
	slurped
)

// decodeList decodes a file holding a list: one JSON array, the pages of
// gh api --paginate one after the other, or those pages wrapped in one array
// (--slurp). The pages' elements are returned as one array; a file that
// holds something else is returned as decoded, for the caller to report.
func decodeList(file string, data []byte) (any, listForm, error) {
	if json.Valid(data) {
		v, err := providers.DecodeJSON(file, data)
		if err != nil {
			return nil, oneArray, err
		}
		if outer, ok := v.([]any); ok && len(outer) > 0 {
			flat := []any{}
			for _, page := range outer {
				p, ok := page.([]any)
				if !ok {
					return v, oneArray, nil
				}
				flat = append(flat, p...)
			}
			return flat, slurped, nil
		}
		return v, oneArray, nil
	}
	v, err := decodePages(file, data)
	return v, pages, err
}

// decodePages decodes JSON arrays written one after the other and returns
// their elements. Malformed input is a *providers.SourceError positioned at
// the fault; a file whose first value is not an array is reported as the
// single JSON value it is not.
func decodePages(file string, data []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	all := []any{}
	for n := 0; ; n++ {
		start := skipSpace(data, int(d.InputOffset()))
		if start >= len(data) {
			if n == 0 {
				return nil, providers.CheckJSON(file, data)
			}
			return all, nil
		}
		var v any
		if err := d.Decode(&v); err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
				err = &json.SyntaxError{Offset: int64(len(data))}
			}
			return nil, providers.JSONError(file, data, err)
		}
		page, ok := v.([]any)
		if !ok {
			if n == 0 {
				return nil, providers.CheckJSON(file, data)
			}
			line, col := providers.LineColumn(data, start)
			return nil, &providers.SourceError{
				File: file, Line: line, Column: col,
				Summary: "Invalid JSON",
				Detail:  "after the first array comes " + describe(v) + "; a file of several JSON values must hold the pages of a list, each an array, as gh api --paginate writes them",
			}
		}
		all = append(all, page...)
	}
}

// elementOffsets returns the offset at which each element of a list file
// starts, in the order decodeList returns the elements. data must have been
// decoded by decodeList as form.
func elementOffsets(data []byte, form listForm) []int {
	d := json.NewDecoder(bytes.NewReader(data))
	var offsets []int
	page := func() bool {
		if t, err := d.Token(); err != nil || t != json.Delim('[') {
			return false
		}
		for d.More() {
			offsets = append(offsets, skipSeparators(data, int(d.InputOffset())))
			var skip json.RawMessage
			if d.Decode(&skip) != nil {
				return false
			}
		}
		_, err := d.Token()
		return err == nil
	}
	if form == slurped {
		if t, err := d.Token(); err != nil || t != json.Delim('[') {
			return nil
		}
		for d.More() && page() {
		}
		return offsets
	}
	for page() {
	}
	return offsets
}

// keyOffset returns the offset of the value of the top-level key in data, a
// JSON object, or -1. Of a key written twice, the last one counts, as when
// decoding.
func keyOffset(data []byte, key string) int {
	d := json.NewDecoder(bytes.NewReader(data))
	if t, err := d.Token(); err != nil || t != json.Delim('{') {
		return -1
	}
	at := -1
	for d.More() {
		t, err := d.Token()
		if err != nil {
			return at
		}
		if k, _ := t.(string); k == key {
			at = skipSeparators(data, int(d.InputOffset()))
		}
		var skip json.RawMessage
		if d.Decode(&skip) != nil {
			return at
		}
	}
	return at
}

// skipSpace returns the offset of the first byte at or after i that is not
// JSON white space.
func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return i
		}
	}
	return i
}

// skipSeparators is skipSpace that also skips the ',' and ':' between
// values.
func skipSeparators(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\r', '\n', ',', ':':
			i++
		default:
			return i
		}
	}
	return i
}

// describe names the JSON type of v for messages.
func describe(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	}
	return "null"
}
