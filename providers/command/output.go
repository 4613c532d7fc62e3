package command

import (
	"errors"
	"strings"
	"sync"
	"unicode/utf8"
)

var errTooMuch = errors.New("output over max_output")

// capped keeps a program's standard output up to limit bytes. Past the limit
// it records that, calls full (which stops the program) and refuses more.
type capped struct {
	limit    int64
	full     func()
	buf      []byte
	exceeded bool
}

func (c *capped) Write(p []byte) (int, error) {
	if int64(len(c.buf))+int64(len(p)) > c.limit {
		c.exceeded = true
		c.full()
		return 0, errTooMuch
	}
	c.buf = append(c.buf, p...)
	return len(p), nil
}

// tail keeps the last size bytes written to it: the end of a program's
// standard error, where the reason it failed usually is.
type tail struct {
	mu        sync.Mutex
	size      int
	buf       []byte
	truncated bool
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := len(p)
	if len(p) >= t.size {
		t.truncated = t.truncated || len(p) > t.size || len(t.buf) > 0
		t.buf = append(t.buf[:0], p[len(p)-t.size:]...)
		return n, nil
	}
	if over := len(t.buf) + len(p) - t.size; over > 0 {
		t.truncated = true
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	t.buf = append(t.buf, p...)
	return n, nil
}

// String is the tail as text: it starts on a whole character, with "…"
// before it when earlier output was dropped, and without the final newline.
func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.buf
	if t.truncated {
		for i := 0; i < utf8.UTFMax && len(b) > 0 && !utf8.RuneStart(b[0]); i++ {
			b = b[1:]
		}
	}
	s := strings.TrimRight(strings.ToValidUTF8(string(b), "\uFFFD"), "\r\n")
	if t.truncated && s != "" {
		s = "…" + s
	}
	return s
}
