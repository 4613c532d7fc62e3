package aws

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/socle-dev/socle/providers"
)

// jsonPath is a path into a JSON value: object keys (string) and array
// indexes (int).
type jsonPath []any

// with returns a new path: p followed by elems.
func (p jsonPath) with(elems ...any) jsonPath {
	out := make(jsonPath, 0, len(p)+len(elems))
	return append(append(out, p...), elems...)
}

// String writes the path as a policy would: UserDetailList[2].UserName.
func (p jsonPath) String() string {
	var b strings.Builder
	for _, e := range p {
		switch e := e.(type) {
		case int:
			b.WriteString("[" + strconv.Itoa(e) + "]")
		case string:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(e)
		}
	}
	if b.Len() == 0 {
		return "the top-level value"
	}
	return b.String()
}

// position returns the 1-based line and column of the value at p in data,
// which holds well-formed JSON, or 0, 0 when p is not in data. Of an object
// that names a key twice, the first is found.
func position(data []byte, p jsonPath) (line, column int) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	off := seek(d, data, p)
	if off < 0 {
		return 0, 0
	}
	return providers.LineColumn(data, off)
}

// seek reads d up to the value at p and returns its offset, or -1.
func seek(d *json.Decoder, data []byte, p jsonPath) int {
	start := valueStart(data, int(d.InputOffset()))
	if len(p) == 0 {
		return start
	}
	tok, err := d.Token()
	if err != nil {
		return -1
	}
	switch tok {
	case json.Delim('{'):
		want, ok := p[0].(string)
		for d.More() {
			key, err := d.Token()
			if err != nil {
				return -1
			}
			if ok && key == want {
				return seek(d, data, p[1:])
			}
			if skip(d) != nil {
				return -1
			}
		}
	case json.Delim('['):
		want, ok := p[0].(int)
		for i := 0; d.More(); i++ {
			if ok && i == want {
				return seek(d, data, p[1:])
			}
			if skip(d) != nil {
				return -1
			}
		}
	}
	return -1
}

func skip(d *json.Decoder) error {
	var raw json.RawMessage
	return d.Decode(&raw)
}

// valueStart returns the offset of the first byte at or after i that is
// neither JSON white space nor the separator before a value.
func valueStart(data []byte, i int) int {
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
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	case string:
		return fmt.Sprintf("the string %q", clip(v))
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	default:
		return fmt.Sprintf("a %T", v)
	}
}

// clip shortens s for a message.
func clip(s string) string {
	const n = 40
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
