package corpus

import (
	"slices"
	"strconv"
	"unicode/utf8"
)

// Attribute values are plain Go trees: map[string]any, []any, string, int, bool
// and nil, plus two markers that say how Terraform would see a leaf.

// unknownValue marks a value that is known only after apply (a computed
// attribute of a resource being created). It is left out of "after" and
// planned values and shows as true in "after_unknown".
type unknownValue struct{}

// sensitiveValue wraps a value that the provider schema marks sensitive. Its
// plain value is written (terraform show -json does) and it shows as true in
// "sensitive_values", "before_sensitive" and "after_sensitive".
type sensitiveValue struct{ v any }

var unknown any = unknownValue{}

// encoder appends compact JSON the way encoding/json writes it (object keys
// sorted, HTML characters escaped), which is what terraform show -json prints.
// It is hand-written because the corpus is large and encoding/json's reflection
// over maps would dominate generation time.
type encoder struct {
	buf  []byte
	keys [][]string // reusable key slices, one per nesting depth
}

func (e *encoder) raw(s string) { e.buf = append(e.buf, s...) }

func (e *encoder) byte(c byte) { e.buf = append(e.buf, c) }

func (e *encoder) int(n int) { e.buf = strconv.AppendInt(e.buf, int64(n), 10) }

func (e *encoder) bool(b bool) { e.buf = strconv.AppendBool(e.buf, b) }

// field writes `"name":`, preceded by a comma unless first.
func (e *encoder) field(name string, first bool) {
	if !first {
		e.byte(',')
	}
	e.string(name)
	e.byte(':')
}

const hexDigits = "0123456789abcdef"

// string writes s as a JSON string with encoding/json's escaping.
func (e *encoder) string(s string) {
	e.byte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			e.buf = append(e.buf, s[start:i]...)
			switch c {
			case '"', '\\':
				e.buf = append(e.buf, '\\', c)
			case '\n':
				e.buf = append(e.buf, '\\', 'n')
			case '\r':
				e.buf = append(e.buf, '\\', 'r')
			case '\t':
				e.buf = append(e.buf, '\\', 't')
			default:
				e.buf = append(e.buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			e.buf = append(e.buf, s[start:i]...)
			e.raw(`\ufffd`)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			e.buf = append(e.buf, s[start:i]...)
			e.raw(`\u202`)
			e.byte(hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	e.buf = append(e.buf, s[start:]...)
	e.byte('"')
}

// sortedKeys returns m's keys in order, in a slice reused per depth.
func (e *encoder) sortedKeys(m map[string]any, depth int) []string {
	for len(e.keys) <= depth {
		e.keys = append(e.keys, make([]string, 0, 32))
	}
	ks := e.keys[depth][:0]
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	e.keys[depth] = ks
	return ks
}

// value writes v with unknown values left out (in objects) or null (in
// lists), as Terraform's omitUnknowns does for "after" and planned values.
func (e *encoder) value(v any, depth int) {
	switch v := v.(type) {
	case nil:
		e.raw("null")
	case string:
		e.string(v)
	case int:
		e.int(v)
	case bool:
		e.bool(v)
	case sensitiveValue:
		e.value(v.v, depth)
	case unknownValue:
		e.raw("null")
	case []any:
		e.byte('[')
		for i, x := range v {
			if i > 0 {
				e.byte(',')
			}
			e.value(x, depth+1)
		}
		e.byte(']')
	case map[string]any:
		e.byte('{')
		first := true
		for _, k := range e.sortedKeys(v, depth) {
			x := v[k]
			if isUnknown(x) {
				continue
			}
			e.field(k, first)
			first = false
			e.value(x, depth+1)
		}
		e.byte('}')
	default:
		panic("corpus: unsupported value type")
	}
}

// isUnknown reports whether v is unknown, looking through a sensitive marker.
func isUnknown(v any) bool {
	if s, ok := v.(sensitiveValue); ok {
		v = s.v
	}
	_, ok := v.(unknownValue)
	return ok
}

// isContainer reports whether v is a list or an object once markers are
// looked through: containers keep their shape in the *_sensitive and
// after_unknown trees, every other leaf is false there unless marked.
func isContainer(v any) bool {
	switch v := v.(type) {
	case []any, map[string]any:
		return true
	case sensitiveValue:
		return isContainer(v.v)
	}
	return false
}

// sensitive writes the shape Terraform derives from a value for
// sensitive_values: true where marked sensitive, containers kept, every other
// leaf false (and left out of objects).
func (e *encoder) sensitive(v any, depth int) {
	switch v := v.(type) {
	case sensitiveValue:
		e.raw("true")
	case []any:
		e.byte('[')
		for i, x := range v {
			if i > 0 {
				e.byte(',')
			}
			e.sensitive(x, depth+1)
		}
		e.byte(']')
	case map[string]any:
		e.byte('{')
		first := true
		for _, k := range e.sortedKeys(v, depth) {
			x := v[k]
			if _, ok := x.(sensitiveValue); !ok && !isContainer(x) {
				continue
			}
			e.field(k, first)
			first = false
			e.sensitive(x, depth+1)
		}
		e.byte('}')
	default:
		e.raw("false")
	}
}

// hasUnknown reports whether any leaf of v is unknown.
func hasUnknown(v any) bool {
	switch v := v.(type) {
	case unknownValue:
		return true
	case sensitiveValue:
		return hasUnknown(v.v)
	case []any:
		for _, x := range v {
			if hasUnknown(x) {
				return true
			}
		}
	case map[string]any:
		for _, x := range v {
			if hasUnknown(x) {
				return true
			}
		}
	}
	return false
}

// unknowns writes after_unknown: {} for a wholly known value; otherwise true
// where unknown, containers kept, every other leaf false (and left out of
// objects).
func (e *encoder) unknowns(v map[string]any) {
	if !hasUnknown(v) {
		e.raw("{}")
		return
	}
	e.unknownShape(v, 0)
}

func (e *encoder) unknownShape(v any, depth int) {
	switch v := v.(type) {
	case unknownValue:
		e.raw("true")
	case sensitiveValue:
		e.unknownShape(v.v, depth)
	case []any:
		e.byte('[')
		for i, x := range v {
			if i > 0 {
				e.byte(',')
			}
			e.unknownShape(x, depth+1)
		}
		e.byte(']')
	case map[string]any:
		e.byte('{')
		first := true
		for _, k := range e.sortedKeys(v, depth) {
			x := v[k]
			if !isUnknown(x) && !isContainer(x) {
				continue
			}
			e.field(k, first)
			first = false
			e.unknownShape(x, depth+1)
		}
		e.byte('}')
	default:
		e.raw("false")
	}
}

// encodeWith runs f on a fresh section of e's buffer and returns a copy of
// what it wrote, leaving the buffer as it was.
func (e *encoder) encodeWith(f func()) []byte {
	start := len(e.buf)
	f()
	out := slices.Clone(e.buf[start:])
	e.buf = e.buf[:start]
	return out
}
