package evaluator

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"unicode/utf8"
)

// canonicalSHA256 hashes a document's canonical JSON: object keys sorted by
// code point, no insignificant whitespace, strings escaped as encoding/json
// escapes them without HTML escaping, numbers as written. The bytes are those of
// json.Marshal with SetEscapeHTML(false); writing them directly avoids
// reflection on large documents.
func canonicalSHA256(doc any) (string, error) {
	h := sha256.New()
	w := bufio.NewWriterSize(h, 64<<10)
	if err := writeCanonical(w, doc); err != nil {
		return "", err
	}
	if err := w.Flush(); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func writeCanonical(w *bufio.Writer, v any) error {
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
			if err := writeCanonical(w, e); err != nil {
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
			if err := writeCanonical(w, x[k]); err != nil {
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
func writeString(w io.ByteWriter, s string) {
	bw := w.(*bufio.Writer)
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
