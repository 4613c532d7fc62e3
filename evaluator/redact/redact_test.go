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
	f.Fuzz(func(t *testing.T, s string) {
		out := String(s)
		if String(out) != out {
			t.Errorf("String is not idempotent on %q", s)
		}
	})
}
