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
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"unicode/utf8"
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
	w := bufio.NewWriterSize(out, 64<<10)
	if err := write(w, v); err != nil {
		return err
	}
	return w.Flush()
}

func write(w *bufio.Writer, v any) error {
	switch x := v.(type) {
	case nil:
		w.WriteString("null")
	case bool:
		if x {
			w.WriteString("true")
		} else {
			w.WriteString("false")
		}
	case string:
		writeString(w, x)
	case json.Number:
		w.WriteString(string(x))
	case float64:
		b, err := json.Marshal(x)
		if err != nil {
			return err
		}
		w.Write(b)
	case int:
		w.WriteString(strconv.Itoa(x))
	case int64:
		w.WriteString(strconv.FormatInt(x, 10))
	case []any:
		w.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				w.WriteByte(',')
			}
			if err := write(w, e); err != nil {
				return err
			}
		}
		w.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		w.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				w.WriteByte(',')
			}
			writeString(w, k)
			w.WriteByte(':')
			if err := write(w, x[k]); err != nil {
				return err
			}
		}
		w.WriteByte('}')
	default:
		return fmt.Errorf("a document holds a %T, which is not a JSON value", v)
	}
	return nil
}

const hexDigits = "0123456789abcdef"

// writeString writes s as a JSON string exactly as encoding/json does with HTML
// escaping off: \" \\ \n \r \t, other control characters as \u00XX, U+2028 and
// U+2029 escaped, invalid UTF-8 as \ufffd.
func writeString(bw *bufio.Writer, s string) {
	bw.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			bw.WriteString(s[start:i])
			switch b {
			case '\\', '"':
				bw.WriteByte('\\')
				bw.WriteByte(b)
			case '\n':
				bw.WriteString(`\n`)
			case '\r':
				bw.WriteString(`\r`)
			case '\t':
				bw.WriteString(`\t`)
			default:
				bw.WriteString(`\u00`)
				bw.WriteByte(hexDigits[b>>4])
				bw.WriteByte(hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			bw.WriteString(s[start:i])
			bw.WriteString(`\ufffd`)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			bw.WriteString(s[start:i])
			bw.WriteString(`\u202`)
			bw.WriteByte(hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	bw.WriteString(s[start:])
	bw.WriteByte('"')
}
