package plugin

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
)

// value is one JSON value inside a plug-in's response, with where it starts,
// so that a problem with it can name the line and column of the output. The
// whole response is checked to be well-formed JSON before any value is read,
// so decoding a value never fails on syntax.
type value struct {
	raw    []byte
	offset int    // of raw's first byte in the response
	path   string // "warnings[0].line"; "" for the response itself
}

// fieldError is a response that is well-formed JSON but not what the protocol
// says: a missing member, a member of the wrong type, an unknown member.
type fieldError struct {
	offset int // in the response
	path   string
	msg    string
}

func (v value) errorf(format string, args ...any) *fieldError {
	return &fieldError{offset: v.offset + leadingSpace(v.raw), path: v.path, msg: fmt.Sprintf(format, args...)}
}

func leadingSpace(b []byte) int {
	return len(b) - len(bytes.TrimLeft(b, " \t\r\n"))
}

// kind names the JSON type of v, as an error message says it.
func (v value) kind() string {
	t := bytes.TrimLeft(v.raw, " \t\r\n")
	if len(t) == 0 {
		return "nothing"
	}
	switch t[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	default:
		return "a number"
	}
}

func (v value) isNull() bool { return v.kind() == "null" }

func (v value) child(name string) string {
	if v.path == "" {
		return name
	}
	return v.path + "." + name
}

// member is one member of a JSON object.
type member struct {
	name      string
	keyOffset int // of the member's name, in the response
	raw       []byte
	offset    int // of the member's value, in the response
}

// object reads v as a JSON object: its members in the order written. A name
// written twice is refused: a plug-in that writes it twice has a bug.
func (v value) object() ([]member, *fieldError) {
	if v.kind() != "an object" {
		return nil, v.errorf("must be an object, not %s", v.kind())
	}
	dec := json.NewDecoder(bytes.NewReader(v.raw))
	if _, err := dec.Token(); err != nil { // {
		return nil, v.errorf("%v", err)
	}
	var out []member
	seen := map[string]bool{}
	for dec.More() {
		prev := int(dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			return nil, v.errorf("%v", err)
		}
		name, _ := tok.(string)
		keyStart := prev + skip(v.raw[prev:], " \t\r\n,")
		start := int(dec.InputOffset())
		start += skip(v.raw[start:], " \t\r\n:")
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, v.errorf("%v", err)
		}
		if seen[name] {
			return nil, &fieldError{offset: v.offset + keyStart, path: v.child(name), msg: "is written twice"}
		}
		seen[name] = true
		out = append(out, member{name: name, keyOffset: v.offset + keyStart, raw: raw, offset: v.offset + start})
	}
	return out, nil
}

// members reads v as a JSON object whose member names must be among allowed.
func (v value) members(allowed ...string) (map[string]value, *fieldError) {
	ms, ferr := v.object()
	if ferr != nil {
		return nil, ferr
	}
	out := make(map[string]value, len(ms))
	for _, m := range ms {
		if !slices.Contains(allowed, m.name) {
			return nil, &fieldError{offset: m.keyOffset, path: v.path, msg: fmt.Sprintf("has an unknown member %q; %s", m.name, expected(allowed))}
		}
		out[m.name] = value{raw: m.raw, offset: m.offset, path: v.child(m.name)}
	}
	return out, nil
}

// entries reads v as a JSON object of any member names (a map), in the order
// written.
func (v value) entries() ([]string, []value, *fieldError) {
	ms, ferr := v.object()
	if ferr != nil {
		return nil, nil, ferr
	}
	names := make([]string, len(ms))
	vals := make([]value, len(ms))
	for i, m := range ms {
		names[i] = m.name
		vals[i] = value{raw: m.raw, offset: m.offset, path: v.path + "[" + strconv.Quote(m.name) + "]"}
	}
	return names, vals, nil
}

// elements reads v as a JSON array.
func (v value) elements() ([]value, *fieldError) {
	if v.kind() != "an array" {
		return nil, v.errorf("must be an array, not %s", v.kind())
	}
	dec := json.NewDecoder(bytes.NewReader(v.raw))
	if _, err := dec.Token(); err != nil { // [
		return nil, v.errorf("%v", err)
	}
	var out []value
	for i := 0; dec.More(); i++ {
		start := int(dec.InputOffset())
		start += skip(v.raw[start:], " \t\r\n,")
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, v.errorf("%v", err)
		}
		out = append(out, value{raw: raw, offset: v.offset + start, path: fmt.Sprintf("%s[%d]", v.path, i)})
	}
	return out, nil
}

func (v value) str() (string, *fieldError) {
	var s string
	if v.kind() != "a string" || json.Unmarshal(v.raw, &s) != nil {
		return "", v.errorf("must be a string, not %s", v.kind())
	}
	return s, nil
}

func (v value) boolean() (bool, *fieldError) {
	var b bool
	if v.kind() != "a boolean" || json.Unmarshal(v.raw, &b) != nil {
		return false, v.errorf("must be true or false, not %s", v.kind())
	}
	return b, nil
}

// count reads a whole number of zero or more, written without a fraction or
// an exponent.
func (v value) count() (int, *fieldError) {
	if v.kind() != "a number" {
		return 0, v.errorf("must be a whole number of zero or more, not %s", v.kind())
	}
	s := string(bytes.TrimSpace(v.raw))
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > math.MaxInt32 {
		return 0, v.errorf("must be a whole number from 0 to %d, not %s", math.MaxInt32, s)
	}
	return int(n), nil
}

func skip(b []byte, set string) int {
	i := 0
	for i < len(b) && bytes.IndexByte([]byte(set), b[i]) >= 0 {
		i++
	}
	return i
}

func expected(names []string) string {
	switch len(names) {
	case 0:
		return "none is expected here"
	case 1:
		return fmt.Sprintf("the only member expected here is %q", names[0])
	}
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return "the members are " + joinList(q)
}

func joinList(q []string) string {
	if len(q) == 1 {
		return q[0]
	}
	out := ""
	for i, s := range q {
		switch {
		case i == 0:
		case i == len(q)-1:
			out += " and "
		default:
			out += ", "
		}
		out += s
	}
	return out
}
