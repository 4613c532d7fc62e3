package command

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzTail writes data to a tail in pieces of every size: what it keeps is
// always the end of the whole, starting on a character boundary.
func FuzzTail(f *testing.F) {
	f.Add([]byte("error: connection refused\n"), uint8(3), uint8(16))
	f.Add([]byte(strings.Repeat("é", 40)), uint8(5), uint8(9))
	f.Add([]byte("\xff\xfe\x00abc\r\n\r\n"), uint8(1), uint8(4))
	f.Fuzz(func(t *testing.T, data []byte, piece, size uint8) {
		if size == 0 {
			return
		}
		tl := &tail{size: int(size)}
		step := int(piece) + 1
		for i := 0; i < len(data); i += step {
			w := data[i:min(i+step, len(data))]
			if n, err := tl.Write(w); n != len(w) || err != nil {
				t.Fatalf("Write = %d, %v", n, err)
			}
		}
		got := tl.String()
		if !utf8.ValidString(got) {
			t.Fatalf("String = %q is not UTF-8", got)
		}
		kept := len(data) > int(size)
		body := strings.TrimPrefix(got, "…")
		if kept != (body != got) && body != "" {
			t.Fatalf("String = %q: … marks a cut iff the data (%d bytes) is over %d bytes", got, len(data), size)
		}
		last := data[max(0, len(data)-int(size)):]
		if !strings.HasSuffix(strings.TrimRight(strings.ToValidUTF8(string(last), "\uFFFD"), "\r\n"), body) {
			t.Fatalf("String = %q is not the end of %q", got, last)
		}
	})
}
