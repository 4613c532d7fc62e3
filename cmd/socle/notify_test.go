package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"hash"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

const notifyRepo = `socle {
  organization = "CLI test"
  env_allow    = ["NOTIFY_URL", "NOTIFY_SECRET", "NOTIFY_DEAD_URL"]
}

objective "access" {
  ref   = "CO-1"
  title = "Logical access"
}

provider "file" {
  alias    = "idp"
  snapshot = "users.json"
}

control "mfa" {
  ref       = "1.1"
  objective = objective.access
  title     = "MFA for every user"
  policy    = "cli.users"
  providers = [file.idp]
  owner     = "security@example.com"
}

control "mfa_weekly" {
  ref       = "1.2"
  objective = objective.access
  title     = "MFA, reviewed weekly"
  policy    = "cli.users"
  providers = [file.idp]
  frequency = "weekly"
}

waiver "svc" {
  control     = control.mfa
  resources   = ["svc"]
  reason      = "service account"
  approved_by = "CISO"
  expires     = "2026-04-10"
}

waiver "svc_weekly" {
  control     = control.mfa_weekly
  resources   = ["svc"]
  reason      = "service account"
  approved_by = "CISO"
  expires     = "2026-12-31"
}

notify "siem" {
  type    = "webhook"
  url     = env("NOTIFY_URL")
  secret  = env("NOTIFY_SECRET")
  backoff = "10ms"
}

notify "dead" {
  type    = "slack"
  url     = env("NOTIFY_DEAD_URL")
  retries = 1
  backoff = "10ms"
  timeout = "2s"
}
`

const notifyPolicy = `package cli.users

resources contains u.id if some u in input.file.content

deny contains {"resource": u.id, "message": sprintf("%s has no MFA", [u.id])} if {
	some u in input.file.content
	not u.mfa
}
`

// TestEvalNotify records three runs with --notify: the webhook receives,
// signed, the waiver about to expire, then bob newly failing, then bob
// fixed; a second destination that cannot be reached is retried and logged
// and changes neither the exit code nor the record; no secret reaches the
// output.
func TestEvalNotify(t *testing.T) {
	const secret = "cli-s3cret-never-logged"
	var mu sync.Mutex
	var bodies []map[string]any
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mac := hmac.New(sha256New(), []byte(secret))
		mac.Write(body)
		if !hmac.Equal([]byte(r.Header.Get("X-Socle-Signature")), []byte("sha256="+hexOf(mac.Sum(nil)))) {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		mu.Lock()
		bodies = append(bodies, m)
		mu.Unlock()
	}))
	defer hook.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + ln.Addr().String() + "/services/T0KEN/DEAD"
	ln.Close()

	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("main.hcl", notifyRepo)
	write("policies/users.rego", notifyPolicy)
	env := []string{"NOTIFY_URL=" + hook.URL + "/hooks/PATH-T0KEN", "NOTIFY_SECRET=" + secret, "NOTIFY_DEAD_URL=" + dead}
	steps := []struct {
		users   string
		control string // --control, "" for all
		code    int
		want    []string // in the body received (keys sorted)
	}{
		{`[{"id": "alice", "mfa": true}, {"id": "bob", "mfa": true}, {"id": "svc", "mfa": false}]`, "", 0, []string{`"newly_failing":[]`, `"previous":""`, `"waivers_expiring":[{"control":"control.mfa","days_left":10,"expires":"2026-04-10","label":"svc"`}},
		{`[{"id": "alice", "mfa": true}, {"id": "bob", "mfa": false}, {"id": "svc", "mfa": false}]`, "", 1, []string{`"newly_failing":[{"control":"mfa","owner":"security@example.com","previous":"pass",`, `"resources":["bob"],"severity":"medium","status":"fail","target":"file.idp"`, `"fixed":[]`}},
		{`[{"id": "alice", "mfa": true}, {"id": "bob", "mfa": true}, {"id": "svc", "mfa": false}]`, "", 0, []string{`"fixed":[{"control":"mfa","owner":"security@example.com","previous":"fail",`, `"resources":["bob"],"severity":"medium","status":"pass"`, `"newly_failing":[]`}},
		// Runs of some controls: each record is compared with the latest
		// earlier record of its control and target, not with a run that
		// did not evaluate it.
		{`[{"id": "alice", "mfa": true}, {"id": "bob", "mfa": false}, {"id": "svc", "mfa": false}]`, "mfa", 1, []string{`"newly_failing":[{"control":"mfa",`}},
		{`[{"id": "alice", "mfa": true}, {"id": "bob", "mfa": false}, {"id": "svc", "mfa": false}]`, "mfa_weekly", 1, []string{`"newly_failing":[{"control":"mfa_weekly",`, `"previous":"pass"`}},
		{`[{"id": "alice", "mfa": true}, {"id": "bob", "mfa": false}, {"id": "svc", "mfa": false}]`, "mfa", 1, []string{`"newly_failing":[]`, `"fixed":[]`}},
	}
	for i, s := range steps {
		write("users.json", s.users)
		args := []string{"eval", ".", "--record", "--notify", "--as-of", "2026-03-31", "--no-cache"}
		if s.control != "" {
			args = append(args, "--control", s.control)
		}
		r := socleIn(t, dir, env, args...)
		if r.code != s.code {
			t.Fatalf("run %d: exit %d, want %d\n%s\n%s", i+1, r.code, s.code, r.stdout, r.stderr)
		}
		if !strings.Contains(r.stderr, "Recorded run") || !strings.Contains(r.stderr, "Notified notify.siem (webhook)") ||
			!strings.Contains(r.stderr, "notify.dead (slack): delivery failed (attempt 2 of 2)") || !strings.Contains(r.stderr, "the run is recorded all the same") {
			t.Errorf("run %d: stderr:\n%s", i+1, r.stderr)
		}
		for _, leak := range []string{secret, "PATH-T0KEN", "T0KEN/DEAD"} {
			if strings.Contains(r.stdout+r.stderr, leak) {
				t.Errorf("run %d: the output holds %q:\n%s", i+1, leak, r.stderr)
			}
		}
		mu.Lock()
		if len(bodies) != i+1 {
			t.Fatalf("run %d: %d bodies received", i+1, len(bodies))
		}
		b, _ := json.Marshal(bodies[i])
		mu.Unlock()
		for _, w := range s.want {
			if !strings.Contains(string(b), w) {
				t.Errorf("run %d: the body lacks %s:\n%s", i+1, w, b)
			}
		}
	}
	r := socleIn(t, dir, nil, "evidence", "list", "--repo", ".")
	if r.code != 0 || strings.Count(r.stdout, "\n") < 6 {
		t.Errorf("evidence list: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Without the variables (a pull-request job), the repository still
	// loads, and --notify without --record is refused.
	write("users.json", `[{"id": "alice", "mfa": true}, {"id": "svc", "mfa": false}]`)
	r = socleIn(t, dir, nil, "eval", ".", "--no-cache", "--as-of", "2026-03-31")
	if r.code != 0 {
		t.Errorf("eval without the notify variables: exit %d\n%s", r.code, r.stderr)
	}
	r = socleIn(t, dir, nil, "eval", ".", "--notify")
	if r.code != 2 || !strings.Contains(r.stderr, "add --record") {
		t.Errorf("--notify without --record: exit %d\n%s", r.code, r.stderr)
	}
}

// socleIn runs the binary in dir with extra environment variables.
func socleIn(t *testing.T, dir string, env []string, args ...string) run {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "NO_COLOR=1"), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return run{code: code, stdout: out.String(), stderr: errb.String()}
}

func sha256New() func() hash.Hash { return sha256.New }

func hexOf(b []byte) string { return hex.EncodeToString(b) }
