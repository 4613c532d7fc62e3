package notify_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/hmac"
	"encoding/base64"
	"encoding/json"
	"io"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/socle-dev/socle/evaluator/evidence"
	"github.com/socle-dev/socle/evaluator/notify"
	"github.com/socle-dev/socle/evaluator/result"
)

const secret = "s3cr3t-signing-key-never-logged"

func message() *notify.Message {
	return &notify.Message{
		Version: notify.Version, Organization: "Northwind", System: "Payroll",
		Run: notify.Run{ID: "run-2", AsOf: time.Date(2026, 3, 31, 6, 0, 0, 0, time.UTC), Seq: 2, Hash: "abc", Previous: "run-1", Store: "sqlite://x"},
		NewlyFailing: []notify.Change{{Control: "mfa", Ref: "1.1", Title: "MFA", Severity: "high", Owner: "security@northwind.example",
			Target: "file.idp", Previous: "pass", Status: "fail", Resources: []string{"bob"}, Record: "run-2/1"}},
		Fixed:           []notify.Change{},
		WaiversExpiring: []notify.Waiver{{Label: "svc", Control: "control.mfa", Expires: "2026-04-20", DaysLeft: 20, Ticket: "SEC-1"}},
	}
}

func webhook(url string) *notify.Destination {
	return &notify.Destination{Label: "hook", Type: notify.TypeWebhook, URL: url, Secret: secret, Events: notify.Events,
		WaiverDays: 30, Retries: 3, Backoff: time.Millisecond, Timeout: 2 * time.Second}
}

// TestWebhookRetriesAndSignature: the receiver answers 500 twice, then
// checks the signature and takes the body; the failures are logged without
// the secret or the URL's path.
func TestWebhookRetriesAndSignature(t *testing.T) {
	var calls atomic.Int32
	var got notify.Message
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if calls.Add(1) <= 2 {
			http.Error(w, "busy", http.StatusInternalServerError)
			return
		}
		// What a receiver does: recompute the HMAC and compare in constant time.
		if !hmac.Equal([]byte(r.Header.Get(notify.SignatureHeader)), []byte(notify.Signature(secret, body))) {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		if r.Header.Get("Content-Type") != "application/json" {
			http.Error(w, "not json", http.StatusUnsupportedMediaType)
			return
		}
		if err := json.Unmarshal(body, &got); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
		}
	}))
	defer srv.Close()
	var log bytes.Buffer
	if err := notify.Send(context.Background(), webhook(srv.URL+"/hooks/T0KEN-IN-PATH"), message(), &log); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	if calls.Load() != 3 {
		t.Errorf("%d attempts, want 3", calls.Load())
	}
	if got.Run.ID != "run-2" || len(got.NewlyFailing) != 1 || got.NewlyFailing[0].Resources[0] != "bob" || got.WaiversExpiring[0].Label != "svc" {
		t.Errorf("received %+v", got)
	}
	if strings.Count(log.String(), "retrying in") != 2 || !strings.Contains(log.String(), "500 Internal Server Error") {
		t.Errorf("log:\n%s", log.String())
	}
	noSecret(t, log.String(), secret, "T0KEN-IN-PATH")
}

// TestWebhookBadSignatureRejected: a receiver with another secret refuses the
// body (401), which is not retried.
func TestWebhookBadSignatureRejected(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		body, _ := io.ReadAll(r.Body)
		if r.Header.Get(notify.SignatureHeader) != notify.Signature("another-secret", body) {
			http.Error(w, "bad signature", http.StatusUnauthorized)
		}
	}))
	defer srv.Close()
	var log bytes.Buffer
	err := notify.Send(context.Background(), webhook(srv.URL), message(), &log)
	if err == nil || calls.Load() != 1 || !strings.Contains(err.Error(), "401") {
		t.Errorf("err %v after %d attempts", err, calls.Load())
	}
	noSecret(t, log.String()+err.Error(), secret)
}

// TestWebhookGivesUp: a receiver that always fails gets retries+1 attempts,
// spaced by a doubling backoff, and the error says so.
func TestWebhookGivesUp(t *testing.T) {
	var mu sync.Mutex
	var times []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	d := webhook(srv.URL)
	d.Retries, d.Backoff = 2, 40*time.Millisecond
	var log bytes.Buffer
	err := notify.Send(context.Background(), d, message(), &log)
	if err == nil || len(times) != 3 || !strings.Contains(log.String(), "attempt 3 of 3") || !strings.Contains(log.String(), "giving up") {
		t.Fatalf("err %v, %d attempts\n%s", err, len(times), log.String())
	}
	if g1, g2 := times[1].Sub(times[0]), times[2].Sub(times[1]); g1 < 40*time.Millisecond || g2 < 80*time.Millisecond {
		t.Errorf("waits %s then %s: want at least 40ms then 80ms", g1, g2)
	}
}

// TestWebhookUnreachable: a connection error is retried and reported without
// the URL.
func TestWebhookUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	d := webhook("http://" + addr + "/T0KEN-IN-PATH")
	d.Retries = 1
	var log bytes.Buffer
	err = notify.Send(context.Background(), d, message(), &log)
	if err == nil || strings.Count(log.String(), "delivery failed") != 2 {
		t.Fatalf("err %v\n%s", err, log.String())
	}
	noSecret(t, log.String()+err.Error(), "T0KEN-IN-PATH")
}

// TestSlack: a Slack-compatible incoming webhook receives text and a mrkdwn
// section.
func TestSlack(t *testing.T) {
	var body struct {
		Text   string `json:"text"`
		Blocks []struct {
			Type string `json:"type"`
			Text struct{ Type, Text string }
		} `json:"blocks"`
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get(notify.SignatureHeader) != "" {
			t.Error("a Slack message carries a signature")
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			t.Error(err)
		}
		_, _ = io.WriteString(w, "ok")
	}))
	defer srv.Close()
	d := &notify.Destination{Label: "chat", Type: notify.TypeSlack, URL: srv.URL, Events: notify.Events, WaiverDays: 30, Retries: 0, Backoff: time.Millisecond, Timeout: time.Second}
	if err := notify.Send(context.Background(), d, message(), io.Discard); err != nil {
		t.Fatal(err)
	}
	if body.Text != "socle: 1 newly failing, 1 waiver expiring — Payroll" || len(body.Blocks) != 1 || body.Blocks[0].Text.Type != "mrkdwn" ||
		!strings.Contains(body.Blocks[0].Text.Text, "1.1 `mfa` on `file.idp`: fail (was pass): `bob` (owner security@northwind.example)") {
		t.Errorf("received %+v", body)
	}
}

// smtpServer is a small SMTP server on loopback: it refuses the first
// `refuse` connections (421), then takes mail with AUTH PLAIN.
type smtpServer struct {
	ln     net.Listener
	refuse int32
	// echo: refuse AUTH with a reply that repeats the credentials, as a
	// careless server might.
	echo  atomic.Bool
	conns atomic.Int32
	mu    sync.Mutex
	mail  []string // DATA received
	auth  []string // decoded AUTH PLAIN credentials
	rcpt  []string
}

func startSMTP(t *testing.T, refuse int32) *smtpServer {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{ln: ln, refuse: refuse}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return s
}

func (s *smtpServer) serve(c net.Conn) {
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	r := bufio.NewReader(c)
	say := func(line string) { _, _ = io.WriteString(c, line+"\r\n") }
	if s.conns.Add(1) <= s.refuse {
		say("421 127.0.0.1 busy, try again later")
		return
	}
	say("220 127.0.0.1 test SMTP")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.TrimRight(line, "\r\n")
		verb := strings.ToUpper(strings.SplitN(cmd, " ", 2)[0])
		switch verb {
		case "EHLO", "HELO":
			say("250-127.0.0.1")
			say("250 AUTH PLAIN")
		case "AUTH":
			f := strings.Fields(cmd)
			b, _ := base64.StdEncoding.DecodeString(f[len(f)-1])
			s.mu.Lock()
			s.auth = append(s.auth, string(b))
			s.mu.Unlock()
			if s.echo.Load() {
				say("535 5.7.8 bad credentials: " + strings.ReplaceAll(string(b), "\x00", " "))
				continue
			}
			say("235 2.7.0 Authentication successful")
		case "MAIL":
			say("250 OK")
		case "RCPT":
			s.mu.Lock()
			s.rcpt = append(s.rcpt, cmd)
			s.mu.Unlock()
			say("250 OK")
		case "DATA":
			say("354 End data with <CR><LF>.<CR><LF>")
			var data strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				data.WriteString(l)
			}
			s.mu.Lock()
			s.mail = append(s.mail, data.String())
			s.mu.Unlock()
			say("250 OK queued")
		case "QUIT":
			say("221 Bye")
			return
		default:
			say("502 not implemented")
		}
	}
}

// TestEmail: the first connection is refused (421), the retry delivers a
// plain-text mail with AUTH PLAIN; the password is never logged.
func TestEmail(t *testing.T) {
	srv := startSMTP(t, 1)
	const password = "smtp-pa55word-never-logged"
	d := &notify.Destination{Label: "mail", Type: notify.TypeEmail, SMTP: srv.ln.Addr().String(), From: "socle@northwind.example",
		To: []string{"security@northwind.example", "audit@northwind.example"}, Username: "socle", Password: password,
		Events: notify.Events, WaiverDays: 30, Retries: 2, Backoff: time.Millisecond, Timeout: 2 * time.Second}
	var log bytes.Buffer
	if err := notify.Send(context.Background(), d, message(), &log); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if srv.conns.Load() != 2 || len(srv.mail) != 1 || len(srv.rcpt) != 2 {
		t.Fatalf("%d connections, %d mails, %d recipients\n%s", srv.conns.Load(), len(srv.mail), len(srv.rcpt), log.String())
	}
	if srv.auth[0] != "\x00socle\x00"+password {
		t.Errorf("AUTH PLAIN %q", srv.auth[0])
	}
	body := srv.mail[0]
	msg, err := mail.ReadMessage(strings.NewReader(srv.mail[0]))
	if err != nil {
		t.Fatal(err)
	}
	if subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil || subject != "socle: 1 newly failing, 1 waiver expiring — Payroll" {
		t.Errorf("subject %q (%v)", subject, err)
	}
	for _, want := range []string{"To: security@northwind.example, audit@northwind.example\r\n",
		"- 1.1 mfa on file.idp: fail (was pass): bob (owner security@northwind.example)\r\n", "- svc on control.mfa expires 2026-04-20 (20 days left), ticket SEC-1\r\n"} {
		if !strings.Contains(body, want) {
			t.Errorf("the mail lacks %q:\n%s", want, body)
		}
	}
	if !strings.Contains(log.String(), "421") {
		t.Errorf("the refused attempt is not logged:\n%s", log.String())
	}
	noSecret(t, log.String(), password)
}

// TestFor: a destination gets the events it takes, and the waivers within
// its horizon.
func TestFor(t *testing.T) {
	d := &notify.Destination{Events: []string{notify.EventFixed, notify.EventWaiversExpiring}, WaiverDays: 7}
	m := message().For(d)
	if len(m.NewlyFailing) != 0 || len(m.WaiversExpiring) != 0 || !m.Empty() {
		t.Errorf("%+v", m)
	}
	d.WaiverDays = 20
	if m := message().For(d); len(m.WaiversExpiring) != 1 || m.Empty() {
		t.Errorf("%+v", m)
	}
}

// TestCompare: newly failing (from pass, and on a new resource), fixed, and
// unchanged failures left out.
func TestCompare(t *testing.T) {
	rec := func(control string, status result.Status, failing ...string) *evidence.Record {
		r := &evidence.Record{Control: evidence.Control{Label: control, Ref: control}, Target: evidence.Target{Name: "file.idp"}, Status: status}
		for _, f := range failing {
			r.Verdicts = append(r.Verdicts, evidence.Verdict{Resource: f, Verdict: evidence.VerdictFail})
		}
		return r
	}
	prev := []*evidence.Record{rec("a", "pass"), rec("b", "fail", "bob"), rec("c", "fail", "carol"), rec("d", "fail", "dave"), rec("e", "error")}
	now := []*evidence.Record{rec("a", "fail", "alice"), rec("b", "fail", "bob", "bill"), rec("c", "pass"), rec("d", "fail", "dave"), rec("e", "pass"), rec("f", "fail", "fred")}
	newly, fixed := notify.Compare(now, prev, nil, map[string]string{"a": "owner-a"})
	var got []string
	for _, c := range newly {
		got = append(got, c.Control+":"+strings.Join(c.Resources, ","))
	}
	if strings.Join(got, " ") != "a:alice b:bill f:fred" || newly[0].Owner != "owner-a" || newly[2].Previous != "" {
		t.Errorf("newly failing: %v", got)
	}
	got = nil
	for _, c := range fixed {
		got = append(got, c.Control+":"+strings.Join(c.Resources, ","))
	}
	if strings.Join(got, " ") != "c:carol e:" {
		t.Errorf("fixed: %v", got)
	}
}

func noSecret(t *testing.T, out string, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(out, s) {
			t.Errorf("the output holds the secret %q:\n%s", s, out)
		}
	}
}

// TestEmailToOwners: with ToOwners and no fixed recipient, each owner that
// is an e-mail address receives only what is about their controls; an owner
// that is not an address receives nothing.
func TestEmailToOwners(t *testing.T) {
	srv := startSMTP(t, 0)
	m := message()
	m.Fixed = []notify.Change{{Control: "backups", Ref: "3.1", Owner: "platform@northwind.example", Target: "file.backups", Previous: "fail", Status: "pass", Resources: []string{"payroll"}}}
	m.NewlyFailing = append(m.NewlyFailing, notify.Change{Control: "limits", Ref: "3.2", Owner: "Platform team", Target: "file.k8s", Previous: "pass", Status: "fail"})
	m.WaiversExpiring[0].Owner = "security@northwind.example"
	d := &notify.Destination{Label: "owners", Type: notify.TypeEmail, SMTP: srv.ln.Addr().String(), From: "socle@northwind.example", ToOwners: true,
		Events: notify.Events, WaiverDays: 30, Retries: 0, Backoff: time.Millisecond, Timeout: 2 * time.Second}
	var log bytes.Buffer
	if err := notify.Send(context.Background(), d, m, &log); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if len(srv.mail) != 2 || strings.Join(srv.rcpt, " ") != "RCPT TO:<platform@northwind.example> RCPT TO:<security@northwind.example>" {
		t.Fatalf("%d mails to %v", len(srv.mail), srv.rcpt)
	}
	platform, security := srv.mail[0], srv.mail[1]
	if !strings.Contains(platform, "To: platform@northwind.example\r\n") || !strings.Contains(platform, "3.1 backups on file.backups: pass (was fail): payroll") ||
		strings.Contains(platform, "mfa") || strings.Contains(platform, "limits") {
		t.Errorf("the platform owner's mail:\n%s", platform)
	}
	if !strings.Contains(security, "1.1 mfa on file.idp: fail (was pass): bob") || !strings.Contains(security, "svc on control.mfa expires 2026-04-20") ||
		strings.Contains(security, "backups") || strings.Contains(security, "limits") {
		t.Errorf("the security owner's mail:\n%s", security)
	}
}

// TestEmailServerEchoesPassword: a server whose error repeats the password
// does not get it into the log or the error.
func TestEmailServerEchoesPassword(t *testing.T) {
	srv := startSMTP(t, 0)
	srv.echo.Store(true)
	const password = "echoed-pa55word"
	d := &notify.Destination{Label: "mail", Type: notify.TypeEmail, SMTP: srv.ln.Addr().String(), From: "socle@northwind.example",
		To: []string{"security@northwind.example"}, Username: "socle", Password: password,
		Events: notify.Events, WaiverDays: 30, Retries: 1, Backoff: time.Millisecond, Timeout: 2 * time.Second}
	var log bytes.Buffer
	err := notify.Send(context.Background(), d, message(), &log)
	if err == nil || !strings.Contains(log.String(), "535") || !strings.Contains(log.String(), "(sensitive)") {
		t.Fatalf("err %v\n%s", err, log.String())
	}
	noSecret(t, log.String()+err.Error(), password)
}
