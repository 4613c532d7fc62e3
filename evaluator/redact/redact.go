// Package redact keeps secrets out of everything socle writes. It replaces,
// in an input document, the values of fields whose names look like secrets
// (password, token, private_key, …) and, in any string, values that look
// like well-known credentials (AWS access key ids, GitHub tokens, PEM
// private keys) with the string "(sensitive)", as providers do with values a
// system marks sensitive.
//
// The evaluator applies it once, where an input document is built (before it
// is hashed, cached, bundled, recorded or seen by a policy), and to every
// message a policy writes before it reaches an output or the store.
package redact

import (
	"regexp"
	"strings"
	"sync"

	"github.com/socle-dev/socle/evaluator/canonical"
)

// Marker replaces a redacted value.
const Marker = "(sensitive)"

// DefaultFieldNames are the field names whose values are secrets. A name
// matches when, lower-cased and without "_", "-", "." and spaces, it ends
// with one of them: db_password, githubToken and client-secret all match;
// password_enabled and token_expiry do not.
var DefaultFieldNames = []string{
	"password", "passwd", "passphrase", "secret", "token", "private_key",
	"api_key", "secret_key", "secret_access_key", "connection_string", "dsn", "credential",
}

// Redactor redacts documents and strings. Its zero value uses no field
// names; New adds DefaultFieldNames.
type Redactor struct {
	names []string // normalized
}

// New returns a redactor for DefaultFieldNames and extra field names.
func New(extra ...string) *Redactor {
	r := &Redactor{}
	for _, n := range append(append([]string{}, DefaultFieldNames...), extra...) {
		if k := normalize(n); k != "" {
			r.names = append(r.names, k)
		}
	}
	return r
}

// separator reports whether a name's byte is left out when names compare.
func separator(c byte) bool { return c == '_' || c == '-' || c == '.' || c == ' ' }

func normalize(name string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(name) {
		if c < 0x80 && separator(byte(c)) {
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// SecretName reports whether a field of this name holds a secret. It runs on
// every key of every document, so it compares from the end of the name, in
// place, without building the normalized name.
func (r *Redactor) SecretName(name string) bool {
	for _, n := range r.names {
		if hasSuffix(name, n) {
			return true
		}
	}
	return false
}

// hasSuffix reports whether name, lower-cased (ASCII) and without
// separators, ends with the normalized suffix.
func hasSuffix(name, suffix string) bool {
	i, j := len(name)-1, len(suffix)-1
	for j >= 0 {
		for i >= 0 && separator(name[i]) {
			i--
		}
		if i < 0 {
			return false
		}
		c := name[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != suffix[j] {
			return false
		}
		i--
		j--
	}
	return true
}

// credentials are the value formats redacted wherever they appear.
var credentials = []struct {
	maybe func(string) bool // a cheap test every match passes, run before the expression
	re    *regexp.Regexp
}{
	{func(s string) bool { return strings.Contains(s, "AKIA") }, regexp.MustCompile(`\bAKIA[0-9A-Z]{16}\b`)},
	{func(s string) bool { return strings.Contains(s, "ASIA") }, regexp.MustCompile(`\bASIA[0-9A-Z]{16}\b`)},
	{githubPrefix, regexp.MustCompile(`\bgh[pousr]_[A-Za-z0-9]{36,255}\b`)},
	{func(s string) bool { return strings.Contains(s, "github_pat_") }, regexp.MustCompile(`\bgithub_pat_[A-Za-z0-9_]{22,255}`)},
	{func(s string) bool { return strings.Contains(s, "xox") }, regexp.MustCompile(`\bxox[abprs]-[A-Za-z0-9-]{10,250}`)},
	{func(s string) bool { return strings.Contains(s, "PRIVATE KEY") }, regexp.MustCompile(`-----BEGIN[A-Z0-9 ]{0,40} PRIVATE KEY( BLOCK)?-----(?s:.*?)(-----END[A-Z0-9 ]{0,40} PRIVATE KEY( BLOCK)?-----|$)`)},
}

// minCredential is the length of the shortest string a credential matches
// (AKIA and 16 characters): shorter strings are not looked at.
const minCredential = 14

// githubPrefix reports whether s holds ghp_, gho_, ghu_, ghs_ or ghr_.
func githubPrefix(s string) bool {
	for {
		i := strings.Index(s, "gh")
		if i < 0 || i+4 > len(s) {
			return false
		}
		if s[i+3] == '_' && strings.IndexByte("pousr", s[i+2]) >= 0 {
			return true
		}
		s = s[i+2:]
	}
}

// String replaces every credential-looking value in s with Marker.
func String(s string) string {
	if len(s) < minCredential {
		return s
	}
	for _, c := range credentials {
		if c.maybe(s) {
			s = c.re.ReplaceAllLiteralString(s, Marker)
		}
	}
	return s
}

// Value redacts a document built from map[string]any, []any, strings,
// numbers, bools and nil, in place where it can, and returns it: the value of
// a secret-named field (a string or a number; a boolean, like
// password_enabled = true, says nothing secret and is kept; objects and
// lists are walked), the value of a {name = SECRET_NAME, value = …} pair
// (an environment variable list; also name/Name, key/Key with value/Value),
// and every credential-looking string, also as a key.
func (r *Redactor) Value(v any) any {
	return r.ValueOn(v, 1)
}

// ValueOn is Value on up to workers goroutines. The walk only reads the
// document and notes what to replace; the members of an object or array of
// parallelAt members or more (a plan's resources) are split between the
// workers; the replacements are made once every walk is done, so a map that
// two workers reach (providers share maps) is never written while read.
func (r *Redactor) ValueOn(v any, workers int) any {
	v, _ = r.ValueRepeats(v, workers)
	return v
}

// ValueRepeats is ValueOn, also returning the maps of 4 keys or more that
// the walk met more than once (providers share maps between a list and an
// index), each with the number of times it met them after the first: the
// canonical hash writes such a map once and copies its bytes after that
// (canonical.WriteRepeats). A map that two workers reached at once is not
// known to repeat.
func (r *Redactor) ValueRepeats(v any, workers int) (any, map[*map[string]any]int) {
	if s, ok := v.(string); ok {
		return String(s), nil
	}
	w := &walker{r: r, seen: map[*map[string]any]struct{}{}, workers: workers}
	w.value(v)
	for _, e := range w.edits {
		e.apply()
	}
	repeats := make(map[*map[string]any]int, len(w.again))
	for _, id := range w.again {
		repeats[id]++
	}
	return v, repeats
}

// parallelAt is the number of members from which ValueOn splits a container.
const parallelAt = 1024

// walker is one Value call. It remembers the larger maps it has walked:
// providers share a map between a list and an index (terraform's resources
// and by_type), and redacting is idempotent, so a map seen once is done.
// Small maps (tags, nested blocks) are many and rarely shared: they are walked
// again rather than remembered.
type walker struct {
	r    *Redactor
	seen map[*map[string]any]struct{}
	// parent is the seen set of the walker that split the work, read-only
	// while its workers run.
	parent  map[*map[string]any]struct{}
	workers int
	edits   []edit
	again   []*map[string]any // the remembered maps met again
}

// edit is one replacement: in a map (a value, or with rekey a credential used
// as a key) or in a list.
type edit struct {
	m     map[string]any
	key   string
	rekey bool
	l     []any
	i     int
	v     any
}

func (e edit) apply() {
	switch {
	case e.l != nil:
		e.l[e.i] = e.v
	case e.rekey:
		// A map reached twice gets the edit twice: the second finds the key
		// moved already.
		if v, ok := e.m[e.key]; ok {
			delete(e.m, e.key)
			e.m[String(e.key)] = v
		}
	default:
		e.m[e.key] = e.v
	}
}

// rememberAt is the size from which walker remembers a map.
const rememberAt = 4

func (w *walker) value(v any) {
	switch t := v.(type) {
	case map[string]any:
		w.object(t)
	case []any:
		var nested []any
		for i, e := range t {
			switch ev := e.(type) {
			case string:
				if rs := String(ev); rs != ev {
					w.edits = append(w.edits, edit{l: t, i: i, v: rs})
				}
			case map[string]any, []any:
				if w.workers > 1 && len(t) >= parallelAt {
					nested = append(nested, ev)
				} else {
					w.value(ev)
				}
			}
		}
		w.split(nested)
	}
}

// object notes the replacements of one object. Documents are large: most
// objects have none.
func (w *walker) object(t map[string]any) {
	if len(t) >= rememberAt {
		id := canonical.MapID(t)
		if _, ok := w.seen[id]; ok {
			w.again = append(w.again, id)
			return
		}
		if _, ok := w.parent[id]; ok {
			w.again = append(w.again, id)
			return
		}
		w.seen[id] = struct{}{}
	}
	var nested []any // with several workers: the members to walk, split between them
	splitting := w.workers > 1 && len(t) >= parallelAt
	var rekeyed []string
	named := false // t has a name, Name, key or Key (see below)
	for k, e := range t {
		if len(k) <= 4 && (k == "name" || k == "Name" || k == "key" || k == "Key") {
			named = true
		}
		if rk := String(k); rk != k {
			// A credential used as a key (a map of tokens to owners) goes
			// too; re-keyed after the values.
			rekeyed = append(rekeyed, k)
		}
		switch ev := e.(type) {
		case map[string]any:
			if splitting {
				nested = append(nested, ev)
			} else {
				w.object(ev)
			}
		case []any:
			if w.r.SecretName(k) && allScalar(ev) {
				for i := range ev {
					w.edits = append(w.edits, edit{l: ev, i: i, v: Marker})
				}
				continue
			}
			if splitting {
				nested = append(nested, ev)
			} else {
				w.value(ev)
			}
		case nil, bool:
		case string:
			if w.r.SecretName(k) && scalar(ev) {
				w.edits = append(w.edits, edit{m: t, key: k, v: Marker})
			} else if rs := String(ev); rs != ev {
				w.edits = append(w.edits, edit{m: t, key: k, v: rs})
			}
		default: // a number
			if w.r.SecretName(k) {
				w.edits = append(w.edits, edit{m: t, key: k, v: Marker})
			}
		}
	}
	w.split(nested)
	for _, k := range rekeyed {
		w.edits = append(w.edits, edit{m: t, key: k, rekey: true})
	}
	// {name = "DB_PASSWORD", value = …} (Kubernetes env), {Key = …, Value = …}
	// (AWS tags): small objects only.
	if named && len(t) <= 4 {
		for _, pair := range [][2]string{{"name", "value"}, {"Name", "Value"}, {"key", "value"}, {"Key", "Value"}} {
			if name, ok := t[pair[0]].(string); ok && w.r.SecretName(name) {
				if val, ok := t[pair[1]]; ok && scalar(val) {
					w.edits = append(w.edits, edit{m: t, key: pair[1], v: Marker})
				}
			}
		}
	}
}

// split walks members (maps and lists) on w.workers goroutines, each a
// contiguous share with a walker of its own, and takes their edits and the
// maps they have seen.
func (w *walker) split(members []any) {
	if len(members) == 0 {
		return
	}
	share := (len(members) + w.workers - 1) / w.workers
	subs := make([]*walker, 0, w.workers)
	var wg sync.WaitGroup
	for i := range w.workers {
		lo, hi := i*share, min((i+1)*share, len(members))
		if lo >= hi {
			break
		}
		sub := &walker{r: w.r, seen: map[*map[string]any]struct{}{}, parent: w.seen, workers: 1}
		subs = append(subs, sub)
		wg.Go(func() {
			for _, m := range members[lo:hi] {
				sub.value(m)
			}
		})
	}
	wg.Wait()
	for _, sub := range subs {
		w.edits = append(w.edits, sub.edits...)
		w.again = append(w.again, sub.again...)
	}
	// The members are done: a later part of the document that shares one
	// (terraform's by_type, beside resources) need not walk it again.
	for _, m := range members {
		if m, ok := m.(map[string]any); ok && len(m) >= rememberAt {
			w.seen[canonical.MapID(m)] = struct{}{}
		}
	}
}

// scalar reports whether a field's value is redacted when its name is a
// secret's: a non-empty string or a number. Empty strings, booleans and nulls
// stay, so policies can still ask whether a secret is set.
func scalar(v any) bool {
	switch t := v.(type) {
	case string:
		return t != "" && t != Marker
	case nil, bool, map[string]any, []any:
		return false
	}
	return true
}

func allScalar(l []any) bool {
	for _, e := range l {
		if _, ok := e.(string); !ok {
			return false
		}
	}
	return len(l) > 0
}

// Params redacts a document's source parameters (an account id, a command
// line, a DSN without its password): a secret-named parameter's value, and
// credential-looking values anywhere.
func (r *Redactor) Params(params map[string]string) map[string]string {
	for k, v := range params {
		if r.SecretName(k) && v != "" {
			params[k] = Marker
			continue
		}
		params[k] = String(v)
	}
	return params
}

// Mask hides every credential-looking value in src behind asterisks of the
// same length (line breaks kept), so that byte offsets into src still point
// at the same places: for quoting a file in a diagnostic.
func Mask(src []byte) []byte {
	s := string(src)
	if len(s) < minCredential {
		return src
	}
	out := []byte(nil)
	for _, c := range credentials {
		if !c.maybe(s) {
			continue
		}
		for _, m := range c.re.FindAllStringIndex(s, -1) {
			if out == nil {
				out = []byte(s)
			}
			for i := m[0]; i < m[1]; i++ {
				if out[i] != '\n' && out[i] != '\r' {
					out[i] = '*'
				}
			}
		}
		if out != nil {
			s = string(out)
		}
	}
	if out == nil {
		return src
	}
	return out
}

// jsonPair finds "key": "value" anywhere (minified JSON too); linePair finds
// key: value (YAML) and key=value (dotenv, INI) at the start of a line. The
// second group is the value without its quotes.
var (
	jsonPair = regexp.MustCompile(`"((?:[^"\\\n]|\\.){1,128})"[ \t]*:[ \t]*"((?:[^"\\\n]|\\.)*)"`)
	linePair = regexp.MustCompile(`(?m)^[ \t]*(?:- )?([A-Za-z0-9_.\-]{1,128})[ \t]*[:=][ \t]*["']?([^"'\r\n]*?)["']?[ \t]*\r?$`)
)

// Mask hides, as the package's Mask does, every credential-looking value in
// src, and also the values of fields whose names look like secrets ("password":
// "…", password: …, PASSWORD=…), behind asterisks of the same length.
func (r *Redactor) Mask(src []byte) []byte {
	out := Mask(src)
	copied := false
	for _, re := range []*regexp.Regexp{jsonPair, linePair} {
		for _, m := range re.FindAllSubmatchIndex(out, -1) {
			if m[4] == m[5] || !r.SecretName(string(out[m[2]:m[3]])) {
				continue
			}
			if !copied {
				out, copied = append([]byte(nil), out...), true
			}
			for i := m[4]; i < m[5]; i++ {
				out[i] = '*'
			}
		}
	}
	return out
}
