package providers

import (
	"bytes"
	"encoding/json"
	"errors"
	"runtime"
	"slices"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/socle-dev/socle/internal/par"
)

// maxDepth is encoding/json's nesting limit: deeper input is left to it, so
// that its error is the one reported.
const maxDepth = 10000

// decodeFast parses data, which must hold exactly one JSON value surrounded
// by optional whitespace, into the tree encoding/json's Decoder with UseNumber
// builds when decoding into an any: map[string]any (a key written twice keeps
// its last value), []any, string, json.Number (the literal as written), bool
// and nil, with strings unescaped as encoding/json unescapes them (an invalid
// surrogate or UTF-8 byte becomes U+FFFD). ok is false when data is not
// exactly one well-formed value; the caller then asks encoding/json where it
// goes wrong. It is FuzzDecodeJSON-tested against encoding/json.
//
// It is a single pass over data without reflection, several times faster
// than encoding/json on large snapshots: strings are copied into shared
// blocks rather than allocated one by one, object keys are interned, and
// each map is made at its final size. The tree does not refer to data, which
// the caller may drop once it is decoded.
func decodeFast(data []byte, skip SkipFunc) (v any, ok bool) {
	return decodeFastRaw(data, skip, nil)
}

// decodeFastRaw is decodeFast keeping the members raw names as RawJSON.
func decodeFastRaw(data []byte, skip, raw SkipFunc) (v any, ok bool) {
	if raw != nil && skip == nil {
		skip = func([]string, func(string) any) bool { return false }
	}
	if len(data) >= parallelAt && runtime.GOMAXPROCS(0) > 1 {
		if v, ok, tried := decodeParallel(data, skip, raw); tried {
			return v, ok
		}
	}
	p := parser{data: data, keys: map[string]string{}, skip: skip, raw: raw}
	p.before = func(key string) any { return p.member(p.objBase, key) }
	p.skipSpace()
	v, ok = p.value(0)
	if !ok {
		return nil, false
	}
	p.skipSpace()
	if p.pos != len(p.data) {
		return nil, false
	}
	return v, true
}

type parser struct {
	data []byte
	pos  int

	// keys interns object keys: a snapshot repeats the same few hundred.
	keys map[string]string
	// block is where strings are copied: a string is a slice of it, never
	// written again once taken.
	block []byte
	// members and elems are stacks shared by the objects and arrays being
	// parsed, so that each gets its map or slice at its final size.
	members []member
	elems   []any
	// scratch holds a string being unescaped.
	scratch []byte
	// skip, when set, names the members not to decode; path is where the
	// parser is (object keys, "" for an array element).
	skip SkipFunc
	// raw, when set, names the members kept as RawJSON (checked, not
	// decoded); skip is set whenever raw is.
	raw  SkipFunc
	path []string
	// before reads the members of the object being decoded (whose members
	// start at objBase) for skip.
	before  func(key string) any
	objBase int
}

// SkipFunc tells DecodeJSONSkipping which object members to leave out: it is
// called with the path of each member (the keys from the root to it, "" for
// an array element) and the members of its object decoded so far (those
// written before it), and returns true for a member to leave out. For the
// members of the top-level object, before answers nothing: a large document's
// top-level members are decoded side by side (see decodeParallel).
type SkipFunc func(path []string, before func(key string) any) bool

type member struct {
	key   string
	value any
}

const (
	blockSize    = 64 << 10
	maxInterned  = 64      // longer keys are not interned
	maxKeysTable = 1 << 16 // distinct keys interned at most
)

func (p *parser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) value(depth int) (any, bool) {
	if p.pos >= len(p.data) {
		return nil, false
	}
	switch c := p.data[p.pos]; c {
	case '{':
		return p.object(depth + 1)
	case '[':
		return p.array(depth + 1)
	case '"':
		s, ok := p.str(false)
		return s, ok
	case 't':
		return true, p.literal("true")
	case 'f':
		return false, p.literal("false")
	case 'n':
		return nil, p.literal("null")
	default:
		if c == '-' || (c >= '0' && c <= '9') {
			return p.number()
		}
		return nil, false
	}
}

func (p *parser) literal(word string) bool {
	if len(p.data)-p.pos < len(word) || string(p.data[p.pos:p.pos+len(word)]) != word {
		return false
	}
	p.pos += len(word)
	return true
}

func (p *parser) object(depth int) (any, bool) {
	if depth > maxDepth {
		return nil, false
	}
	p.pos++ // {
	base := len(p.members)
	if p.skip != nil {
		defer func(saved int) { p.objBase = saved }(p.objBase)
	}
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return map[string]any{}, true
	}
	for {
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, false
		}
		k, ok := p.str(true)
		if !ok {
			return nil, false
		}
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, false
		}
		p.pos++
		p.skipSpace()
		if p.skip != nil {
			path := append(p.path, k)
			p.objBase = base
			before := p.before
			if depth == 1 {
				before = noMembers // see SkipFunc
			}
			if p.skip(path, before) {
				if !p.skipValue(depth) {
					return nil, false
				}
				goto next
			}
			if p.raw != nil && p.raw(path, before) {
				start := p.pos
				if !p.skipValue(depth) {
					return nil, false
				}
				p.members = append(p.members, member{k, RawJSON(p.data[start:p.pos:p.pos])})
				goto next
			}
			p.path = path
		}
		{
			v, ok := p.value(depth)
			if !ok {
				return nil, false
			}
			p.members = append(p.members, member{k, v})
		}
		if p.skip != nil {
			p.path = p.path[:len(p.path)-1]
		}
	next:
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, false
		}
		if c := p.data[p.pos]; c == ',' {
			p.pos++
			p.skipSpace()
			continue
		} else if c != '}' {
			return nil, false
		}
		p.pos++
		break
	}
	ms := p.members[base:]
	m := make(map[string]any, len(ms))
	for i := range ms {
		m[ms[i].key] = ms[i].value
		ms[i] = member{} // let the stack not hold the value
	}
	p.members = p.members[:base]
	return m, true
}

func (p *parser) array(depth int) (any, bool) {
	if depth > maxDepth {
		return nil, false
	}
	p.pos++ // [
	base := len(p.elems)
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return []any{}, true
	}
	if p.skip != nil {
		p.path = append(p.path, "")
		defer func() { p.path = p.path[:len(p.path)-1] }()
	}
	for {
		v, ok := p.value(depth)
		if !ok {
			return nil, false
		}
		p.elems = append(p.elems, v)
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, false
		}
		if c := p.data[p.pos]; c == ',' {
			p.pos++
			p.skipSpace()
			continue
		} else if c != ']' {
			return nil, false
		}
		p.pos++
		break
	}
	es := p.elems[base:]
	out := make([]any, len(es))
	copy(out, es)
	clear(es)
	p.elems = p.elems[:base]
	return out, true
}

// member returns the value of key among the members of the object whose
// members start at base, nil when it has none (yet).
func (p *parser) member(base int, key string) any {
	for i := len(p.members) - 1; i >= base; i-- {
		if p.members[i].key == key {
			return p.members[i].value
		}
	}
	return nil
}

// skipValue checks the value at p.pos is well-formed and moves past it
// without decoding it.
func (p *parser) skipValue(depth int) bool {
	if p.pos >= len(p.data) {
		return false
	}
	switch c := p.data[p.pos]; c {
	case '{', '[':
		if depth+1 > maxDepth {
			return false
		}
		closing := byte('}')
		if c == '[' {
			closing = ']'
		}
		p.pos++
		p.skipSpace()
		if p.pos < len(p.data) && p.data[p.pos] == closing {
			p.pos++
			return true
		}
		for {
			if c == '{' {
				if p.pos >= len(p.data) || p.data[p.pos] != '"' || !p.skipString() {
					return false
				}
				p.skipSpace()
				if p.pos >= len(p.data) || p.data[p.pos] != ':' {
					return false
				}
				p.pos++
				p.skipSpace()
			}
			if !p.skipValue(depth + 1) {
				return false
			}
			p.skipSpace()
			if p.pos >= len(p.data) {
				return false
			}
			if d := p.data[p.pos]; d == ',' {
				p.pos++
				p.skipSpace()
				continue
			} else if d != closing {
				return false
			}
			p.pos++
			return true
		}
	case '"':
		return p.skipString()
	case 't':
		return p.literal("true")
	case 'f':
		return p.literal("false")
	case 'n':
		return p.literal("null")
	default:
		if c == '-' || (c >= '0' && c <= '9') {
			_, ok := p.numberEnd()
			return ok
		}
		return false
	}
}

// skipString moves past a well-formed string starting at its opening quote.
func (p *parser) skipString() bool {
	d := p.data
	for i := p.pos + 1; i < len(d); i++ {
		switch c := d[i]; {
		case c == '"':
			p.pos = i + 1
			return true
		case c < 0x20:
			return false
		case c == '\\':
			i++
			if i >= len(d) {
				return false
			}
			switch d[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if _, ok := hex4(d, i+1); !ok {
					return false
				}
				i += 4
			default:
				return false
			}
		}
	}
	return false
}

// number reads a number as the JSON grammar writes it: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *parser) number() (any, bool) {
	start := p.pos
	end, ok := p.numberEnd()
	if !ok {
		return nil, false
	}
	return json.Number(p.keep(p.data[start:end])), true
}

// numberEnd moves past the number at p.pos and returns where it ends.
func (p *parser) numberEnd() (int, bool) {
	d := p.data
	i := p.pos
	if d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	default:
		return 0, false
	}
	if i < len(d) && d[i] == '.' {
		i++
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			return 0, false
		}
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			return 0, false
		}
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	}
	p.pos = i
	return i, true
}

// str reads a string starting at its opening quote. Keys are interned.
func (p *parser) str(key bool) (string, bool) {
	d := p.data
	i := p.pos + 1
	start := i
	// The common case: no escape, no control character, ASCII or valid UTF-8.
	for i < len(d) {
		c := d[i]
		if c == '"' {
			raw := d[start:i]
			p.pos = i + 1
			if key {
				return p.intern(raw), true
			}
			return p.keep(raw), true
		}
		if c == '\\' || c < 0x20 {
			break
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			i += size
			continue
		}
		i++
	}
	// The slow case: unescape into scratch.
	b := append(p.scratch[:0], d[start:i]...)
	for {
		if i >= len(d) {
			return "", false
		}
		c := d[i]
		switch {
		case c == '"':
			p.pos = i + 1
			p.scratch = b
			if key {
				return p.intern(b), true
			}
			return p.keep(b), true
		case c < 0x20:
			return "", false
		case c == '\\':
			i++
			if i >= len(d) {
				return "", false
			}
			switch d[i] {
			case '"', '\\', '/':
				b = append(b, d[i])
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r, ok := hex4(d, i+1)
				if !ok {
					return "", false
				}
				i += 4
				if utf16.IsSurrogate(r) {
					// A pair is two \u escapes in a row; anything else is U+FFFD.
					if r2, ok := hex4(d, i+3); ok && i+2 < len(d) && d[i+1] == '\\' && d[i+2] == 'u' {
						if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
							b = utf8.AppendRune(b, dec)
							i += 6
							break
						}
					}
					r = utf8.RuneError
				}
				b = utf8.AppendRune(b, r)
			default:
				return "", false
			}
			i++
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && size == 1 {
				b = utf8.AppendRune(b, utf8.RuneError)
			} else {
				b = append(b, d[i:i+size]...)
			}
			i += size
		}
	}
}

// hex4 reads the four hexadecimal digits of a \u escape at d[i:].
func hex4(d []byte, i int) (rune, bool) {
	if i+4 > len(d) {
		return 0, false
	}
	var r rune
	for _, c := range d[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r*16 + rune(c)
	}
	return r, true
}

// intern returns the key b as a string, the same string for the same key.
func (p *parser) intern(b []byte) string {
	if len(b) > maxInterned {
		return p.keep(b)
	}
	if s, ok := p.keys[string(b)]; ok { // no allocation for the lookup
		return s
	}
	s := p.keep(b)
	if len(p.keys) < maxKeysTable {
		p.keys[s] = s
	}
	return s
}

// keep copies b into the current block and returns it as a string. Blocks
// are only appended to, so the strings taken from them never change.
func (p *parser) keep(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > blockSize/4 {
		return string(b)
	}
	if len(p.block)+len(b) > cap(p.block) {
		// No larger than what is left to decode: a small document (a
		// terraform change's before) gets a small block.
		p.block = make([]byte, 0, max(len(b), min(blockSize, len(p.data)-p.pos)))
	}
	start := len(p.block)
	p.block = append(p.block, b...)
	return unsafe.String(&p.block[start], len(b))
}

// noMembers is the before of the top-level object's members.
func noMembers(string) any { return nil }

// parallelAt is the size from which decodeFast splits a top-level object's
// members between the cores.
const parallelAt = 8 << 20

// decodeParallel decodes a large top-level object (a plan's planned_values,
// resource_changes, prior_state and configuration) with one parser per
// member, on GOMAXPROCS goroutines, the largest members first. A first pass
// finds the members by their structure (skipStructure); each member's parser
// checks it is well-formed and ends where that pass says, so that the two
// passes together accept what the single pass accepts. tried is false when data is not an object of
// several members, which decodeFast then decodes on its own.
func decodeParallel(data []byte, skip, raw SkipFunc) (v any, ok, tried bool) {
	type span struct {
		key        string
		start, end int
		value      any
		skipped    bool
	}
	scan := parser{data: data, keys: map[string]string{}}
	scan.skipSpace()
	if scan.pos >= len(data) || data[scan.pos] != '{' {
		return nil, false, false
	}
	scan.pos++
	scan.skipSpace()
	var spans []span
	for scan.pos < len(data) && data[scan.pos] != '}' {
		if data[scan.pos] != '"' {
			return nil, false, true
		}
		k, ok := scan.str(true)
		if !ok {
			return nil, false, true
		}
		scan.skipSpace()
		if scan.pos >= len(data) || data[scan.pos] != ':' {
			return nil, false, true
		}
		scan.pos++
		scan.skipSpace()
		start := scan.pos
		if !scan.skipStructure() {
			return nil, false, true
		}
		spans = append(spans, span{key: k, start: start, end: scan.pos})
		scan.skipSpace()
		if scan.pos < len(data) && data[scan.pos] == ',' {
			scan.pos++
			scan.skipSpace()
			if scan.pos < len(data) && data[scan.pos] == '}' {
				return nil, false, true // a trailing comma
			}
		} else if scan.pos >= len(data) || data[scan.pos] != '}' {
			return nil, false, true
		}
	}
	if scan.pos >= len(data) {
		return nil, false, true
	}
	scan.pos++
	scan.skipSpace()
	if scan.pos != len(data) {
		return nil, false, true
	}
	if len(spans) < 2 {
		return nil, false, false
	}
	order := make([]int, 0, len(spans))
	for i := range spans {
		// A member left out or kept raw is not decoded: check it here.
		skipped := skip != nil && skip([]string{spans[i].key}, noMembers)
		if skipped || raw != nil && raw([]string{spans[i].key}, noMembers) {
			check := parser{data: data[:spans[i].end], pos: spans[i].start}
			if !check.skipValue(1) || check.pos != spans[i].end {
				return nil, false, true
			}
			if skipped {
				spans[i].skipped = true
			} else {
				spans[i].value = RawJSON(data[spans[i].start:spans[i].end:spans[i].end])
			}
			continue
		}
		order = append(order, i)
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return (spans[b].end - spans[b].start) - (spans[a].end - spans[a].start)
	})
	errFailed := errors.New("a member does not decode")
	if par.Do(len(order), func(n int) error {
		s := &spans[order[n]]
		p := parser{data: data[:s.end], pos: s.start, keys: map[string]string{}, skip: skip, raw: raw}
		if skip != nil {
			p.path = []string{s.key}
			p.before = func(key string) any { return p.member(p.objBase, key) }
		}
		v, ok := p.value(1)
		if !ok || p.pos != s.end {
			return errFailed
		}
		s.value = v
		return nil
	}) != nil {
		return nil, false, true
	}
	m := make(map[string]any, len(spans))
	for _, s := range spans {
		if !s.skipped {
			m[s.key] = s.value
		}
	}
	return m, true, true
}

// RawJSON is a member DecodeJSONRaw kept as written: well-formed JSON, a
// slice of the decoded data (which it keeps alive: the caller decodes or drops
// it before returning its document).
type RawJSON []byte

// skipStructure moves past the value at p.pos by its structure alone: a
// string ends at the first quote not escaped, brackets nest, a scalar ends at
// a delimiter. It does not check the value is well-formed: decodeParallel
// decodes every member it delimits with a parser that does, and that must end
// exactly where this ends. It is the first, serial pass of a parallel decode,
// so it jumps to each string's closing quote (bytes.IndexByte) rather than
// reading the string byte by byte.
func (p *parser) skipStructure() bool {
	d := p.data
	i := p.pos
	depth := 0
	for i < len(d) {
		switch c := d[i]; c {
		case '"':
			j := i + 1
			for {
				k := bytes.IndexByte(d[j:], '"')
				if k < 0 {
					return false
				}
				j += k
				escapes := 0
				for m := j - 1; m > i && d[m] == '\\'; m-- {
					escapes++
				}
				if escapes%2 == 0 {
					break
				}
				j++
			}
			i = j + 1
		case '{', '[':
			depth++
			i++
			continue
		case '}', ']':
			depth--
			i++
			if depth < 0 {
				return false
			}
		default:
			if depth > 0 {
				i++
				continue
			}
			// A scalar at the top: up to a delimiter.
			for i < len(d) && !delimiter(d[i]) {
				i++
			}
		}
		if depth == 0 {
			p.pos = i
			return true
		}
	}
	return false
}

func delimiter(c byte) bool {
	switch c {
	case ',', '}', ']', ' ', '\t', '\n', '\r', ':':
		return true
	}
	return false
}
