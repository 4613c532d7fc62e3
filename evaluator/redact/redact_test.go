package redact

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/socle-dev/socle/evaluator/canonical"
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

// FuzzMask masks files quoted in diagnostics: same length, same line breaks,
// idempotent, and never a panic.
func FuzzMask(f *testing.F) {
	f.Add([]byte(`{"password": "x", "k": "AKIAIOSFODNN7EXAMPLE"}`))
	f.Add([]byte("token: abc\nDB_PASSWORD=\"p\"\n- secret: 'q'\r\n"))
	f.Add([]byte(pem))
	r := New("custom")
	f.Fuzz(func(t *testing.T, src []byte) {
		out := r.Mask(src)
		if len(out) != len(src) || bytes.Count(out, []byte("\n")) != bytes.Count(src, []byte("\n")) {
			t.Fatalf("Mask changed the length or the lines of %q: %q", src, out)
		}
		if again := r.Mask(out); !bytes.Equal(again, out) {
			t.Errorf("Mask is not idempotent on %q: %q then %q", src, out, again)
		}
	})
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

// FuzzValue redacts JSON documents: it must never panic, never leave a
// credential-looking value, and be idempotent.
func FuzzValue(f *testing.F) {
	f.Add([]byte(`{"password": "x", "env": [{"name": "API_TOKEN", "value": 1}], "k": "AKIAIOSFODNN7EXAMPLE"}`))
	f.Add([]byte(`{"AKIAIOSFODNN7EXAMPLE": {"AKIAIOSFODNN7EXAMPLF": "ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}`))
	f.Add([]byte(`[["-----BEGIN PRIVATE KEY-----"], {"Tags": [{"Key": "secret", "Value": true}]}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var doc any
		dec := json.NewDecoder(strings.NewReader(string(data)))
		dec.UseNumber()
		if dec.Decode(&doc) != nil {
			return
		}
		r := New("custom")
		once, err := json.Marshal(r.Value(doc))
		if err != nil {
			t.Fatal(err)
		}
		var again any
		dec = json.NewDecoder(strings.NewReader(string(once)))
		dec.UseNumber()
		if err := dec.Decode(&again); err != nil {
			t.Fatal(err)
		}
		twice, _ := json.Marshal(r.Value(again))
		if string(once) != string(twice) {
			t.Fatalf("not idempotent:\n%s\n%s", once, twice)
		}
		for _, c := range credentials {
			if c.re.Match(once) {
				t.Fatalf("a credential is left in %s", once)
			}
		}
	})
}

func TestMask(t *testing.T) {
	in := "line 1\n{\"key\": \"AKIAIOSFODNN7EXAMPLE\",,\n" + pem + "\nend"
	out := Mask([]byte(in))
	if len(out) != len(in) || strings.Count(string(out), "\n") != strings.Count(in, "\n") {
		t.Fatalf("lengths or lines changed:\n%s", out)
	}
	if strings.Contains(string(out), "AKIAIOSFODNN7EXAMPLE") || strings.Contains(string(out), "MIIEowIBAAKCAQEA7") {
		t.Errorf("a credential is left:\n%s", out)
	}
	if !strings.HasPrefix(string(out), "line 1\n{\"key\": \"********************\",,\n") || !strings.HasSuffix(string(out), "\nend") {
		t.Errorf("more than the credentials was masked:\n%s", out)
	}
	plain := []byte("nothing secret here, just text")
	if got := Mask(plain); string(got) != string(plain) {
		t.Errorf("Mask changed %q to %q", plain, got)
	}
}

// FuzzValueShared checks that a map shared between two places of a document
// (as providers share one between a list and an index) is redacted as if each
// place held its own copy: Value walks a large map once.
func FuzzValueShared(f *testing.F) {
	f.Add([]byte(`{"password": "x", "env": [{"name": "API_TOKEN", "value": 1}], "k": "AKIAIOSFODNN7EXAMPLE"}`))
	f.Add([]byte(`{"AKIAIOSFODNN7EXAMPLE": {"AKIAIOSFODNN7EXAMPLF": "ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}`))
	f.Add([]byte(`[{"Tags": [{"Key": "secret", "Value": "v"}], "a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "db_password": "p"}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		decode := func() any {
			var doc any
			dec := json.NewDecoder(strings.NewReader(string(data)))
			dec.UseNumber()
			if dec.Decode(&doc) != nil {
				return nil
			}
			// Large enough to be remembered, whatever the input.
			return map[string]any{"doc": doc, "k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7}
		}
		shared := decode()
		if shared == nil {
			return
		}
		r := New("custom")
		got, _ := json.Marshal(r.Value(map[string]any{"list": []any{shared}, "index": map[string]any{"x": shared}}))
		want, _ := json.Marshal(r.Value(map[string]any{"list": []any{decode()}, "index": map[string]any{"x": decode()}}))
		if string(got) != string(want) {
			t.Errorf("shared:\n%s\nunshared:\n%s", got, want)
		}
	})
}

func TestRedactorMask(t *testing.T) {
	r := New("pin_code")
	for _, c := range []struct{ in, want string }{
		// JSON, pretty and minified; an escaped quote inside the value.
		{`  "db_password": "hunter2",` + "\n", `  "db_password": "*******",` + "\n"},
		{`{"user":"ann","apiToken":"abc\"def","n":1}`, `{"user":"ann","apiToken":"********","n":1}`},
		// YAML, dotenv, INI, with and without quotes; a list item.
		{"password: s3cr3t\n", "password: ******\n"},
		{"  client-secret: 'x y z'\r\n", "  client-secret: '*****'\r\n"},
		{"- token: abc\n", "- token: ***\n"},
		{"DB_PASSWORD=\"p@ss\"\n", "DB_PASSWORD=\"****\"\n"},
		{"pin_code = 1234\n", "pin_code = ****\n"},
		// Names that only look alike, and empty values, are left alone.
		{`"password_enabled": "true", "token_expiry": "2026-01-01"`, `"password_enabled": "true", "token_expiry": "2026-01-01"`},
		{"password:\n  nested: x\n", "password:\n  nested: x\n"},
		{`"password": ""`, `"password": ""`},
		// Credentials anywhere, as the package's Mask does.
		{`"note": "AKIAIOSFODNN7EXAMPLE"`, `"note": "********************"`},
	} {
		got := string(r.Mask([]byte(c.in)))
		if got != c.want {
			t.Errorf("Mask(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
		if len(got) != len(c.in) {
			t.Errorf("Mask(%q) changed the length", c.in)
		}
	}
	in := []byte(`"password": "x"`)
	r.Mask(in)
	if string(in) != `"password": "x"` {
		t.Errorf("Mask changed its argument: %s", in)
	}
}

// ValueOn splits large objects and lists between workers: it redacts what
// Value redacts, also where workers reach the same maps.
func TestValueOnMatchesValue(t *testing.T) {
	build := func() any {
		resources := map[string]any{}
		var index []any
		shared := map[string]any{"db_password": "p", "note": "key AKIAIOSFODNN7EXAMPLE here"}
		for i := range 3000 {
			r := map[string]any{
				"address": fmt.Sprint("aws_db_instance.d", i), "a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6,
				"values": map[string]any{"password": fmt.Sprint("pw", i), "port": json.Number("5432"), "api_token": []any{"t1", "t2"}},
				"env":    []any{map[string]any{"name": "GITHUB_TOKEN", "value": "v"}, "ghp_" + strings.Repeat("a", 36)},
				"keys":   map[string]any{"AKIAIOSFODNN7EXAMPL" + string(rune('A'+i%26)): "owner"},
				"shared": shared,
			}
			resources[r["address"].(string)] = r
			if i%2 == 0 {
				index = append(index, r)
			}
		}
		return map[string]any{"resources": resources, "by_type": map[string]any{"aws_db_instance": index}, "list": append(index, "AKIAIOSFODNN7EXAMPLE")}
	}
	r := New("custom")
	want, err := json.Marshal(r.Value(build()))
	if err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{2, 3} {
		got, err := json.Marshal(r.ValueOn(build(), workers))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Fatalf("workers=%d: ValueOn and Value differ", workers)
		}
	}
	for _, secret := range []string{"AKIAIOSFODNN7EXAMPLE", "pw1", `"v"`, "t1", "ghp_"} {
		if strings.Contains(string(want), secret) {
			t.Errorf("%s is left in the document", secret)
		}
	}
}

// ValueRepeats counts the maps of 4 keys or more met again, as many times as
// they were met after the first, with and without workers.
func TestValueRepeats(t *testing.T) {
	entry := map[string]any{"kind": "Deployment", "name": "api", "key": "Deployment/default/api", "object": map[string]any{"a": 1}}
	small := map[string]any{"k": "v"}
	var objects []any
	byKey := map[string]any{}
	for i := range 1500 {
		e := map[string]any{"kind": "Pod", "name": fmt.Sprint("p", i), "key": fmt.Sprint("Pod/default/p", i), "small": small}
		objects = append(objects, e)
		byKey[e["key"].(string)] = e
	}
	doc := map[string]any{"objects": append(objects, entry, entry), "by_key": byKey, "one": entry, "small": []any{small, small}}
	for _, workers := range []int{1, 2} {
		_, repeats := New().ValueRepeats(doc, workers)
		if got := repeats[canonical.MapID(entry)]; got != 2 {
			t.Errorf("workers=%d: entry met again %d times, want 2", workers, got)
		}
		if _, ok := repeats[canonical.MapID(small)]; ok {
			t.Errorf("workers=%d: a map of 1 key counted", workers)
		}
		again := 0
		for _, o := range objects {
			again += repeats[canonical.MapID(o.(map[string]any))]
		}
		if again != len(objects) {
			t.Errorf("workers=%d: the entries of objects and by_key met again %d times, want %d", workers, again, len(objects))
		}
	}
}
