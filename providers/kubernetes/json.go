package kubernetes

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"

	"github.com/socle-dev/socle/providers"
)

// parseJSON parses a JSON manifest: one value, an object or a List (as
// kubectl get -o json writes it). A null value is no document.
func parseJSON(file string, data []byte) ([]document, error) {
	if err := providers.CheckJSON(file, data); err != nil {
		return nil, err
	}
	w := &jsonWalker{file: file, data: data, d: json.NewDecoder(bytes.NewReader(data)), line: 1}
	w.d.UseNumber()
	v, at, err := w.value(0)
	if err != nil {
		return nil, err
	}
	if v == nil {
		return nil, nil
	}
	return []document{{value: v, at: at}}, nil
}

// jsonWalker decodes a well-formed JSON value while noting where the parts
// the provider reads start (see position and fieldDepth): objects at depth 0
// and 1 are read token by token, everything else is decoded whole.
type jsonWalker struct {
	file string
	data []byte
	d    *json.Decoder

	// The line of the offset last asked for, and where it starts: offsets
	// only grow, so lines are counted once over the whole file.
	offset, line, lineStart int
}

// value reads the next value, at depth (see fieldDepth).
func (w *jsonWalker) value(depth int) (any, *position, error) {
	start := w.next()
	p := w.position(start)
	if start >= len(w.data) || w.data[start] != '{' || depth > 1 {
		var v any
		if err := w.d.Decode(&v); err != nil {
			return nil, nil, providers.JSONError(w.file, w.data, err)
		}
		return v, p, nil
	}
	if _, err := w.d.Token(); err != nil { // {
		return nil, nil, providers.JSONError(w.file, w.data, err)
	}
	m := map[string]any{}
	p.fields = map[string]*position{}
	for w.d.More() {
		tok, err := w.d.Token()
		if err != nil {
			return nil, nil, providers.JSONError(w.file, w.data, err)
		}
		key, _ := tok.(string) // a well-formed object's keys are strings
		if depth == 0 && key == "items" {
			if at := w.next(); at < len(w.data) && w.data[at] == '[' {
				items, ip, err := w.items()
				if err != nil {
					return nil, nil, err
				}
				m[key], p.fields[key], p.items = items, ip, ip.items
				ip.items = nil
				continue
			}
		}
		sub := depth + 1
		if depth == 0 {
			sub = fieldDepth(key)
		}
		v, fp, err := w.value(sub)
		if err != nil {
			return nil, nil, err
		}
		m[key], p.fields[key] = v, fp
	}
	if _, err := w.d.Token(); err != nil { // }
		return nil, nil, providers.JSONError(w.file, w.data, err)
	}
	return m, p, nil
}

// items reads an array of objects, each at depth 0; the positions of the
// elements are returned in the array position's items.
func (w *jsonWalker) items() ([]any, *position, error) {
	p := w.position(w.next())
	if _, err := w.d.Token(); err != nil { // [
		return nil, nil, providers.JSONError(w.file, w.data, err)
	}
	items := []any{}
	for w.d.More() {
		v, ip, err := w.value(0)
		if err != nil {
			return nil, nil, err
		}
		items = append(items, v)
		p.items = append(p.items, ip)
	}
	if _, err := w.d.Token(); err != nil { // ]
		return nil, nil, providers.JSONError(w.file, w.data, err)
	}
	return items, p, nil
}

// next returns the offset of the next value: the first byte at or after the
// decoder's position that is neither white space nor a separator.
func (w *jsonWalker) next() int {
	i := int(w.d.InputOffset())
	for i < len(w.data) {
		switch w.data[i] {
		case ' ', '\t', '\r', '\n', ',', ':':
			i++
		default:
			return i
		}
	}
	return i
}

// position returns the line and column of offset, which must not be before
// the offset last asked for.
func (w *jsonWalker) position(offset int) *position {
	offset = max(w.offset, min(offset, len(w.data)))
	for {
		i := bytes.IndexByte(w.data[w.offset:offset], '\n')
		if i < 0 {
			break
		}
		w.offset += i + 1
		w.line++
		w.lineStart = w.offset
	}
	w.offset = offset
	return &position{line: w.line, column: utf8.RuneCount(w.data[w.lineStart:offset]) + 1}
}
