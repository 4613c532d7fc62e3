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
	"unsafe"
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

func normalize(name string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(name) {
		switch c {
		case '_', '-', '.', ' ':
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// SecretName reports whether a field of this name holds a secret.
func (r *Redactor) SecretName(name string) bool {
	// An ASCII name is normalized on the stack (names are short and most are
	// ASCII); anything else takes the general path.
	var buf [64]byte
	k := buf[:0]
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 0x80 || len(k) == len(buf) {
			return r.secretNormalized(normalize(name))
		}
		switch {
		case c == '_' || c == '-' || c == '.' || c == ' ':
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		k = append(k, c)
	}
	return r.secretNormalized(string(k)) // the conversion does not escape: no allocation
}

func (r *Redactor) secretNormalized(k string) bool {
	for _, n := range r.names {
		if strings.HasSuffix(k, n) {
			return true
		}
	}
	return false
}

// credentials are the value formats redacted wherever they appear.
var credentials = []struct {
	hint string // a substring every match contains, checked before the expression
	re   *regexp.Regexp
}{
	{"AKIA", regexp.MustCompile(`\bAKIA[0-9A-Z]{16}\b`)},
	{"ASIA", regexp.MustCompile(`\bASIA[0-9A-Z]{16}\b`)},
	{"gh", regexp.MustCompile(`\bgh[pousr]_[A-Za-z0-9]{36,255}\b`)},
	{"github_pat_", regexp.MustCompile(`\bgithub_pat_[A-Za-z0-9_]{22,255}`)},
	{"xox", regexp.MustCompile(`\bxox[abprs]-[A-Za-z0-9-]{10,250}`)},
	{"PRIVATE KEY", regexp.MustCompile(`-----BEGIN[A-Z0-9 ]{0,40} PRIVATE KEY( BLOCK)?-----(?s:.*?)(-----END[A-Z0-9 ]{0,40} PRIVATE KEY( BLOCK)?-----|$)`)},
}

// minCredential is the length of the shortest string any of credentials
// matches ("xoxb-" and ten characters): shorter strings hold none, and most
// keys and values in a document are shorter.
const minCredential = 15

// String replaces every credential-looking value in s with Marker.
func String(s string) string {
	if len(s) < minCredential {
		return s
	}
	for _, c := range credentials {
		if strings.Contains(s, c.hint) {
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
	w := walker{r: r, names: map[string]bool{}, seen: map[*map[string]any]struct{}{}}
	return w.value(v)
}

// walker is one Value call: it remembers which key names are secrets (a
// document repeats a few thousand names millions of times) and which maps it
// has redacted (providers share a map between a list and an index; redacting
// is idempotent, so a map seen once is done).
type walker struct {
	r     *Redactor
	names map[string]bool
	seen  map[*map[string]any]struct{}
}

func (w *walker) secret(name string) bool {
	s, ok := w.names[name]
	if !ok {
		s = w.r.SecretName(name)
		w.names[name] = s
	}
	return s
}

// mapID identifies a map by the pointer a map value holds.
func mapID(m map[string]any) *map[string]any {
	return *(**map[string]any)(unsafe.Pointer(&m))
}

func (w *walker) value(v any) any {
	switch t := v.(type) {
	case map[string]any:
		id := mapID(t)
		if _, ok := w.seen[id]; ok {
			return t
		}
		w.seen[id] = struct{}{}
		pairs := false // whether t has a key of the pairs below
		for k, e := range t {
			switch k {
			case "name", "Name", "key", "Key":
				pairs = true
			}
			// A credential used as a key (a map of tokens to owners) goes too.
			if rk := String(k); rk != k {
				delete(t, k)
				t[rk] = w.value(e)
				continue
			}
			if w.secret(k) {
				if scalar(e) {
					t[k] = Marker
					continue
				}
				if l, ok := e.([]any); ok && allScalar(l) {
					for i := range l {
						l[i] = Marker
					}
					continue
				}
			}
			switch e := e.(type) {
			case map[string]any, []any:
				w.value(e) // in place
			case string:
				if s := String(e); s != e {
					t[k] = s
				}
			}
		}
		// {name = "DB_PASSWORD", value = …} (Kubernetes env), {Key = …, Value = …} (AWS tags).
		if pairs {
			for _, pair := range [][2]string{{"name", "value"}, {"Name", "Value"}, {"key", "value"}, {"Key", "Value"}} {
				// Not w.secret: these are values (resource names), mostly distinct.
				if name, ok := t[pair[0]].(string); ok && w.r.SecretName(name) {
					if val, ok := t[pair[1]]; ok && scalar(val) {
						t[pair[1]] = Marker
					}
				}
			}
		}
		return t
	case []any:
		for i, e := range t {
			t[i] = w.value(e)
		}
		return t
	case string:
		return String(t)
	}
	return v
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
