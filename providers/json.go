package providers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// DecodeJSON decodes data, which must hold exactly one JSON value, into a
// tree of map[string]any, []any, string, json.Number, bool and nil. Malformed
// input is a *SourceError for file, with the line and column of the fault.
func DecodeJSON(file string, data []byte) (any, error) {
	return DecodeJSONSkipping(file, data, nil)
}

// DecodeJSONSkipping is DecodeJSON leaving out the object members skip
// returns true for (see SkipFunc): they are checked to be well-formed, but
// not decoded, and their object does not hold them. A provider that discards
// parts of a large file spares the time and memory of building them.
func DecodeJSONSkipping(file string, data []byte, skip SkipFunc) (any, error) {
	return DecodeJSONRaw(file, data, skip, nil)
}

// DecodeJSONRaw is DecodeJSONSkipping keeping the object members raw returns
// true for (called as skip is, for the members skip keeps) as RawJSON: checked
// to be well-formed, not decoded. A provider that compares two large members
// before it needs either (terraform's before and after) decodes only what it
// must. Where the single-pass decoder does not apply, every member is decoded:
// the caller takes either.
func DecodeJSONRaw(file string, data []byte, skip, raw SkipFunc) (any, error) {
	if v, ok := decodeFastRaw(data, skip, raw); ok {
		return v, nil
	}
	if err := CheckJSON(file, data); err != nil {
		return nil, err
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, JSONError(file, data, err)
	}
	return v, nil
}

// CheckJSON reports whether data holds exactly one well-formed JSON value,
// and if not, where it goes wrong, as a *SourceError for file.
func CheckJSON(file string, data []byte) error {
	if json.Valid(data) {
		return nil
	}
	// Decode again only to learn where it goes wrong.
	var raw json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return JSONError(file, data, err)
	}
	return nil
}

// JSONError turns an error of encoding/json about data into a *SourceError
// for file, positioned at the fault when the error tells where it is.
func JSONError(file string, data []byte, err error) *SourceError {
	e := &SourceError{File: file, Summary: "Invalid JSON", Detail: err.Error()}
	offset := -1
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		e.Detail = "the file is empty; a JSON file must hold one value (an object, an array, …)"
		offset = 0
	case errors.As(err, &syntax):
		offset = int(syntax.Offset) - 1
		if syntax.Offset >= int64(len(data)) || strings.Contains(err.Error(), "end of JSON input") {
			// The input stopped in the middle of a value: point just after
			// the last thing written.
			e.Detail = "unexpected end of file: the JSON value is incomplete (is the file truncated?)"
			offset = len(bytes.TrimRight(data, " \t\r\n"))
		} else {
			e.Detail = syntax.Error()
		}
	case errors.As(err, &typ):
		offset = int(typ.Offset) - 1
		e.Detail = fmt.Sprintf("cannot use a JSON %s here", typ.Value)
	}
	if offset >= 0 {
		e.Line, e.Column = LineColumn(data, offset)
	}
	return e
}
