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
	k := normalize(name)
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

// String replaces every credential-looking value in s with Marker.
func String(s string) string {
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
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			// A credential used as a key (a map of tokens to owners) goes too.
			if rk := String(k); rk != k {
				delete(t, k)
				t[rk] = r.Value(e)
				continue
			}
			if r.SecretName(k) && scalar(e) {
				t[k] = Marker
				continue
			}
			if r.SecretName(k) {
				if l, ok := e.([]any); ok && allScalar(l) {
					for i := range l {
						l[i] = Marker
					}
					continue
				}
			}
			t[k] = r.Value(e)
		}
		// {name = "DB_PASSWORD", value = …} (Kubernetes env), {Key = …, Value = …} (AWS tags).
		for _, pair := range [][2]string{{"name", "value"}, {"Name", "Value"}, {"key", "value"}, {"Key", "Value"}} {
			if name, ok := t[pair[0]].(string); ok && r.SecretName(name) {
				if val, ok := t[pair[1]]; ok && scalar(val) {
					t[pair[1]] = Marker
				}
			}
		}
		return t
	case []any:
		for i, e := range t {
			t[i] = r.Value(e)
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
