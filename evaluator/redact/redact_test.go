package redact

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSecretName(t *testing.T) {
	r := New("ssn")
	for name, want := range map[string]bool{
		"password": true, "db_password": true, "DB_PASSWORD": true, "githubToken": true, "client-secret": true,
		"private_key": true, "sshPrivateKey": true, "api_key": true, "aws_secret_access_key": true, "ssn": true,
		"user_ssn": true, "dsn": true,
		"password_enabled": false, "token_expiry": false, "secret_scanning": false, "name": false, "mfa": false,
		"public_key": false, "access_key_1_active": false,
	} {
		if got := r.SecretName(name); got != want {
			t.Errorf("SecretName(%q) = %v, want %v", name, got, want)
		}
	}
}

const pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nabc\n-----END RSA PRIVATE KEY-----"

func TestString(t *testing.T) {
	for in, want := range map[string]string{
		"key AKIAIOSFODNN7EXAMPLE in use":                          "key (sensitive) in use",
		"ASIAY34FZKBOKMUTVV7A":                                     "(sensitive)",
		"token ghp_" + strings.Repeat("a", 36):                     "token (sensitive)",
		"gho_" + strings.Repeat("B1", 18) + " and more":            "(sensitive) and more",
		"github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuv":    "(sensitive)",
		"before\n" + pem + "\nafter":                               "before\n(sensitive)\nafter",
		"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE": "(sensitive)",
		"AKIA is a prefix; AKIASHORT is not a key":                 "AKIA is a prefix; AKIASHORT is not a key",
		"ghp_short":                        "ghp_short",
		"xoxb-0123456789":                  "(sensitive)", // the shortest credential: minCredential
		"xoxb-012345678":                   "xoxb-012345678",
		"-----BEGIN PUBLIC KEY-----\nMIIB": "-----BEGIN PUBLIC KEY-----\nMIIB",
	} {
		if got := String(in); got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValue(t *testing.T) {
	var doc any
	in := `{
	  "users": [{"name": "alice", "password": "hunter2", "password_enabled": true, "api_token": 12345,
	             "notes": "uses AKIAIOSFODNN7EXAMPLE", "secret": ""}],
	  "env": [{"name": "DB_PASSWORD", "value": "s3cret"}, {"name": "LOG_LEVEL", "value": "debug"}],
	  "security_and_analysis": {"secret_scanning": {"status": "enabled"}},
	  "tokens": {"github_token": ["a", "b"]},
	  "Tags": [{"Key": "db_password", "Value": "tagged-pw"}, {"Key": "team", "Value": "platform"}],
	  "owners": {"AKIAI44QH8DHBEXAMPLE": "bob"},
	  "tls": {"private_key": "` + strings.ReplaceAll(pem, "\n", `\n`) + `"}
	}`
	if err := json.Unmarshal([]byte(in), &doc); err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(New().Value(doc))
	got := string(out)
	for _, leak := range []string{"hunter2", "12345", "AKIAIOSFODNN7EXAMPLE", "s3cret", `"a"`, "MIIEowIBAAKCAQEA7", "AKIAI44QH8DHBEXAMPLE", "tagged-pw"} {
		if strings.Contains(got, leak) {
			t.Errorf("%s left in %s", leak, got)
		}
	}
	for _, kept := range []string{`"password_enabled":true`, `"value":"debug"`, `"status":"enabled"`, `"secret":""`, `"name":"alice"`, "uses (sensitive)", `"(sensitive)":"bob"`, `"Value":"platform"`} {
		if !strings.Contains(got, kept) {
			t.Errorf("%s lost from %s", kept, got)
		}
	}
}

func FuzzString(f *testing.F) {
	f.Add("AKIAIOSFODNN7EXAMPLE")
	f.Add(pem)
	f.Add("xoxp-0123456789")
	f.Fuzz(func(t *testing.T, s string) {
		out := String(s)
		if String(out) != out {
			t.Errorf("String is not idempotent on %q", s)
		}
		// Without the length shortcut, the same result.
		ref := s
		for _, c := range credentials {
			if strings.Contains(ref, c.hint) {
				ref = c.re.ReplaceAllLiteralString(ref, Marker)
			}
		}
		if out != ref {
			t.Errorf("String(%q) = %q, without the shortcut %q", s, out, ref)
		}
	})
}

// referenceSecretName is SecretName as first written: normalize, then the
// suffixes. The stack-buffer version must agree with it on every name.
func referenceSecretName(r *Redactor, name string) bool {
	k := normalize(name)
	for _, n := range r.names {
		if strings.HasSuffix(k, n) {
			return true
		}
	}
	return false
}

func FuzzSecretName(f *testing.F) {
	for _, s := range []string{"db_password", "GITHUB-TOKEN", "Ünïcode_secret", "pass.word", strings.Repeat("a", 70) + "token", "", "İpassword"} {
		f.Add(s)
	}
	r := New("ssn", "Custom-Field")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := r.SecretName(s), referenceSecretName(r, s); got != want {
			t.Errorf("SecretName(%q) = %v, reference %v", s, got, want)
		}
	})
}

// referenceValue is Value as first written: every map walked wherever it
// appears, every name normalized anew. Value must leave the same document.
func referenceValue(r *Redactor, v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			if rk := String(k); rk != k {
				delete(t, k)
				t[rk] = referenceValue(r, e)
				continue
			}
			if referenceSecretName(r, k) && scalar(e) {
				t[k] = Marker
				continue
			}
			if referenceSecretName(r, k) {
				if l, ok := e.([]any); ok && allScalar(l) {
					for i := range l {
						l[i] = Marker
					}
					continue
				}
			}
			t[k] = referenceValue(r, e)
		}
		for _, pair := range [][2]string{{"name", "value"}, {"Name", "Value"}, {"key", "value"}, {"Key", "Value"}} {
			if name, ok := t[pair[0]].(string); ok && referenceSecretName(r, name) {
				if val, ok := t[pair[1]]; ok && scalar(val) {
					t[pair[1]] = Marker
				}
			}
		}
		return t
	case []any:
		for i, e := range t {
			t[i] = referenceValue(r, e)
		}
		return t
	case string:
		return String(t)
	}
	return v
}

// FuzzValue checks Value against referenceValue on documents with a map
// shared between two places, as providers build them (a list and an index).
func FuzzValue(f *testing.F) {
	f.Add(`{"users": [{"name": "alice", "password": "hunter2", "api_token": 12345, "notes": "uses AKIAIOSFODNN7EXAMPLE"}], "env": [{"name": "DB_PASSWORD", "value": "s3cret"}]}`)
	f.Add(`{"tokens": {"github_token": ["a", "b"]}, "owners": {"AKIAI44QH8DHBEXAMPLE": "bob"}, "Tags": [{"Key": "db_password", "Value": "x"}]}`)
	f.Add(`[{"secret": "", "token": null, "password_enabled": true, "xoxb-0123456789ab": {"dsn": "postgres://u:p@h/db"}}]`)
	r := New("ssn")
	f.Fuzz(func(t *testing.T, in string) {
		var a, b any
		if json.Unmarshal([]byte(in), &a) != nil {
			return
		}
		_ = json.Unmarshal([]byte(in), &b)
		share := func(doc any) any {
			return map[string]any{"list": []any{doc}, "index": map[string]any{"x": doc}, "doc": doc}
		}
		got, want := r.Value(share(a)), referenceValue(r, share(b))
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(want)
		if string(gj) != string(wj) {
			t.Errorf("Value(%s)\n = %s\nreference %s", in, gj, wj)
		}
	})
}
