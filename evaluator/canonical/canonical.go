// Package canonical writes JSON-compatible trees (map[string]any, []any,
// string, json.Number, float64, int, int64, bool, nil) as canonical JSON:
// object keys sorted by code point, no insignificant whitespace, strings escaped
// as encoding/json escapes them without HTML escaping, numbers as written. The
// bytes equal json.Marshal's with SetEscapeHTML(false) (without its trailing
// newline), written without reflection so large documents hash fast. Input
// hashes, evidence records and snapshot bundles all use it.
//
// It imports nothing of socle.
package canonical

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// SHA256 is the hex sha256 of v's canonical JSON.
func SHA256(v any) (string, error) {
	h := sha256.New()
	if err := Write(h, v); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Marshal returns v's canonical JSON.
func Marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	if err := Write(&buf, v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Write writes v's canonical JSON to out.
func Write(out io.Writer, v any) error {
	return WriteRepeats(out, v, nil)
}

// SHA256Repeats is SHA256 with WriteRepeats.
func SHA256Repeats(v any, repeats map[*map[string]any]int) (string, error) {
	h := sha256.New()
	if err := WriteRepeats(h, v, repeats); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// WriteRepeats is Write told which maps v holds more than once (repeats: a
// map's identity, as MapID gives it, and how many times it occurs after the
// first): it keeps the bytes of such a map the first time it writes them and
// copies them the next times, until they are used up, within memoBudget. The
// bytes are those Write writes; a wrong count costs time, never correctness.
func WriteRepeats(out io.Writer, v any, repeats map[*map[string]any]int) error {
	w := &writer{out: out, buf: make([]byte, 0, flushAt+4096), repeats: repeats}
	if len(repeats) > 0 {
		w.memo = map[*map[string]any]*memoEntry{}
	}
	if err := w.write(v, 0); err != nil {
		return err
	}
	return w.flush()
}

// MapID identifies a map by the pointer a map value holds (two map values
// share their entries exactly when their MapIDs are equal).
func MapID(m map[string]any) *map[string]any {
	return *(**map[string]any)(unsafe.Pointer(&m))
}

// memoBudget bounds the bytes WriteRepeats keeps; captureMax the buffer while
// a map's bytes are being kept (a larger map is written without being kept).
const (
	memoBudget = 64 << 20
	captureMax = 4 << 20
)

type memoEntry struct {
	bytes []byte
	left  int // the times it will still be met
}

// flushAt is how much the writer buffers before writing to out.
const flushAt = 64 << 10

// writer appends to buf and hands it to out in large pieces. members keeps
// one slice per depth for sorting an object's members, reused from object to
// object.
type writer struct {
	out     io.Writer
	buf     []byte
	err     error
	members [][]member

	repeats   map[*map[string]any]int
	memo      map[*map[string]any]*memoEntry
	memoBytes int
	capturing int // maps being kept: buf is not flushed under them
	flushes   int
}

type member struct {
	key   string
	value any
}

func (w *writer) flush() error {
	if w.err == nil && len(w.buf) > 0 {
		_, w.err = w.out.Write(w.buf)
	}
	w.buf = w.buf[:0]
	w.flushes++
	return w.err
}

func (w *writer) write(v any, depth int) error {
	if len(w.buf) >= flushAt && (w.capturing == 0 || len(w.buf) >= captureMax) {
		if err := w.flush(); err != nil {
			return err
		}
	}

	switch x := v.(type) {
	case nil:
		w.buf = append(w.buf, "null"...)
	case bool:
		w.buf = strconv.AppendBool(w.buf, x)
	case string:
		w.buf = appendString(w.buf, x)
	case json.Number:
		w.buf = append(w.buf, x...)
	case float64:
		b, err := json.Marshal(x)
		if err != nil {
			return err
		}
		w.buf = append(w.buf, b...)
	case int:
		w.buf = strconv.AppendInt(w.buf, int64(x), 10)
	case int64:
		w.buf = strconv.AppendInt(w.buf, x, 10)
	case []any:
		w.buf = append(w.buf, '[')
		for i, e := range x {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			if err := w.write(e, depth+1); err != nil {
				return err
			}
		}
		w.buf = append(w.buf, ']')
	case map[string]any:
		if w.memo != nil {
			return w.object(x, depth)
		}
		return w.writeMap(x, depth)
	default:
		return fmt.Errorf("a document holds a %T, which is not a JSON value", v)
	}
	return nil
}

// writeMap writes an object, its members sorted by key.
func (w *writer) writeMap(x map[string]any, depth int) error {
	for depth >= len(w.members) {
		w.members = append(w.members, nil)
	}
	// The members with their values, sorted by key: one walk of the
	// map, no lookup per key.
	ms := w.members[depth][:0]
	for k, e := range x {
		ms = append(ms, member{k, e})
	}
	slices.SortFunc(ms, func(a, b member) int { return strings.Compare(a.key, b.key) })
	w.members[depth] = ms
	w.buf = append(w.buf, '{')
	for i := range ms {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		w.buf = appendString(w.buf, ms[i].key)
		w.buf = append(w.buf, ':')
		if err := w.write(ms[i].value, depth+1); err != nil {
			return err
		}
	}
	w.buf = append(w.buf, '}')
	clear(ms)
	return nil
}

// object writes a map that may repeat: from its kept bytes, or keeping them.
func (w *writer) object(m map[string]any, depth int) error {
	id := MapID(m)
	if e, ok := w.memo[id]; ok {
		w.buf = append(w.buf, e.bytes...)
		if e.left--; e.left <= 0 {
			delete(w.memo, id)
			w.memoBytes -= len(e.bytes)
		}
		return nil
	}
	n := w.repeats[id]
	if n <= 0 || w.memoBytes >= memoBudget {
		return w.writeMap(m, depth)
	}
	start, flushes := len(w.buf), w.flushes
	w.capturing++
	err := w.writeMap(m, depth)
	w.capturing--
	if err == nil && w.flushes == flushes {
		kept := append([]byte(nil), w.buf[start:]...)
		w.memo[id] = &memoEntry{bytes: kept, left: n}
		w.memoBytes += len(kept)
	}
	return err
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string exactly as encoding/json writes it
// with HTML escaping off: \" \\ \n \r \t \b \f, other control characters as \u00XX,
// U+2028 and U+2029 escaped, invalid UTF-8 as \ufffd.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	i := plain(s)
	if i == len(s) {
		b = append(b, s...)
		return append(b, '"')
	}
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, `\n`...)
			case '\r':
				b = append(b, `\r`...)
			case '\t':
				b = append(b, `\t`...)
			case '\b':
				b = append(b, `\b`...)
			case '\f':
				b = append(b, `\f`...)
			default:
				b = append(b, `\u00`...)
				b = append(b, hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, `\u202`...)
			b = append(b, hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// plain returns the length of s's prefix that is written as it is: ASCII
// from space on, neither '"' nor '\\'. It looks at 8 bytes at a time.
func plain(s string) int {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// A byte below 0x20, a quote, a backslash or one from 0x80 sets its
		// high bit in bad (the usual "has a zero byte" test on w, w^'"' and
		// w^'\\'; the bytes below 0x20 as those that underflow w-0x20).
		quote := w ^ (ones * '"')
		slash := w ^ (ones * '\\')
		bad := (w - ones*0x20) | (quote-ones)&^quote | (slash-ones)&^slash | w
		if bad&highs != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			return i
		}
	}
	return i
}
