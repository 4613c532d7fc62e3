package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/smtp"
	"net/url"
	"strings"
	"time"

	"github.com/socle-dev/socle/evaluator/redact"
)

// SignatureHeader carries a webhook body's signature: sha256=HEX, the
// HMAC-SHA256 of the body with the destination's secret.
const SignatureHeader = "X-Socle-Signature"

// Defaults of a destination.
const (
	DefaultRetries    = 3
	DefaultBackoff    = time.Second
	DefaultTimeout    = 10 * time.Second
	DefaultWaiverDays = 30
	// MaxBackoff bounds one wait between attempts.
	MaxBackoff = time.Minute
)

// Destination is a resolved notify block.
type Destination struct {
	Label string
	Type  string // webhook, slack, email
	// URL: webhook and slack. Secret: the webhook's HMAC key ("" unsigned).
	URL    string
	Secret string
	// E-mail: the SMTP server (host:port), the sender, the recipients and
	// the optional PLAIN authentication.
	SMTP     string
	From     string
	To       []string
	Username string
	Password string
	// ToOwners: also mail each owner that is an e-mail address the part of
	// the message about their controls and waivers.
	ToOwners bool

	Events     []string
	WaiverDays int
	// Retries after the first attempt; Backoff is the first wait, doubled
	// at each retry up to MaxBackoff; Timeout limits one attempt.
	Retries int
	Backoff time.Duration
	Timeout time.Duration
}

// Name names the destination in logs: never its URL or secret.
func (d *Destination) Name() string { return fmt.Sprintf("notify.%s (%s)", d.Label, d.Type) }

// Signature is the X-Socle-Signature value of a body.
func Signature(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// permanent is a delivery error that retrying will not fix.
type permanent struct{ error }

// Send delivers the message to the destination, retrying failed attempts
// with exponential backoff, and logs each failure to log. It returns the
// last error when every attempt failed; the error never holds a secret.
// An e-mail destination with ToOwners also mails each owner their part,
// each delivery retried on its own.
func Send(ctx context.Context, d *Destination, m *Message, log io.Writer) error {
	switch d.Type {
	case TypeWebhook:
		return d.retry(ctx, log, d.Name(), func(ctx context.Context) error { return d.webhook(ctx, m) })
	case TypeSlack:
		return d.retry(ctx, log, d.Name(), func(ctx context.Context) error { return d.slack(ctx, m) })
	case TypeEmail:
		var errs []error
		if len(d.To) > 0 {
			if err := d.retry(ctx, log, d.Name(), func(ctx context.Context) error { return d.email(ctx, m, d.To) }); err != nil {
				errs = append(errs, err)
			}
		}
		if d.ToOwners {
			for _, owner := range m.Owners() {
				part := m.ForOwner(owner)
				if part.Empty() {
					continue
				}
				name := d.Name() + " to " + owner
				if err := d.retry(ctx, log, name, func(ctx context.Context) error { return d.email(ctx, part, []string{owner}) }); err != nil {
					errs = append(errs, fmt.Errorf("to %s: %w", owner, err))
				}
			}
		}
		return errors.Join(errs...)
	}
	return fmt.Errorf("unknown type %q", d.Type)
}

// scrubbed is an error whose message has been cleaned of secrets.
type scrubbed struct {
	msg string
	err error
}

func (e *scrubbed) Error() string { return e.msg }
func (e *scrubbed) Unwrap() error { return e.err }

// scrub replaces, in an error's message, the destination's secret, password
// and URL (a Slack URL is a secret), whatever produced the message: the
// errors are built without them, and this makes sure.
func (d *Destination) scrub(err error) error {
	msg := err.Error()
	for _, s := range []string{d.URL, d.Secret, d.Password} {
		if len(s) >= 4 {
			msg = strings.ReplaceAll(msg, s, redact.Marker)
		}
	}
	msg = redact.String(msg)
	if msg == err.Error() {
		return err
	}
	return &scrubbed{msg: msg, err: err}
}

// retry makes up to Retries+1 attempts, waiting Backoff, then twice as long
// each time up to MaxBackoff, after each failure but the last.
func (d *Destination) retry(ctx context.Context, log io.Writer, name string, attempt func(context.Context) error) error {
	wait := d.Backoff
	var err error
	for i := 0; i <= d.Retries; i++ {
		actx, cancel := context.WithTimeout(ctx, d.Timeout)
		err = attempt(actx)
		cancel()
		if err == nil {
			return nil
		}
		err = d.scrub(err)
		var p permanent
		if errors.As(err, &p) || i == d.Retries {
			fmt.Fprintf(log, "%s: delivery failed (attempt %d of %d): %v; giving up\n", name, i+1, d.Retries+1, err)
			break
		}
		fmt.Fprintf(log, "%s: delivery failed (attempt %d of %d): %v; retrying in %s\n", name, i+1, d.Retries+1, err, wait)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(wait*2, MaxBackoff)
	}
	return err
}

func (d *Destination) webhook(ctx context.Context, m *Message) error {
	body, err := json.Marshal(m)
	if err != nil {
		return permanent{err}
	}
	h := http.Header{"Content-Type": {"application/json"}, "User-Agent": {"socle"}}
	if d.Secret != "" {
		h.Set(SignatureHeader, Signature(d.Secret, body))
	}
	return d.post(ctx, body, h)
}

// slackBlock is one section of a Slack message.
type slackBlock struct {
	Type string     `json:"type"`
	Text *slackText `json:"text,omitempty"`
}

type slackText struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

func (d *Destination) slack(ctx context.Context, m *Message) error {
	// Slack reads <, > and & as markup: they are escaped as its documentation says.
	esc := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace
	text := "*" + esc(m.Subject()) + "*\n" + esc(m.Text("• ", func(s string) string { return "`" + s + "`" }))
	body, err := json.Marshal(struct {
		Text   string       `json:"text"`
		Blocks []slackBlock `json:"blocks"`
	}{Text: esc(m.Subject()), Blocks: []slackBlock{{Type: "section", Text: &slackText{Type: "mrkdwn", Text: text}}}})
	if err != nil {
		return permanent{err}
	}
	return d.post(ctx, body, http.Header{"Content-Type": {"application/json"}, "User-Agent": {"socle"}})
}

// post sends a body; 5xx, 429 and network errors are worth retrying.
func (d *Destination) post(ctx context.Context, body []byte, h http.Header) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.URL, bytes.NewReader(body))
	if err != nil {
		return permanent{errors.New("the url is not a valid URL")}
	}
	req.Header = h
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) { // its message holds the URL, which may be a secret
			err = ue.Err
		}
		return fmt.Errorf("posting to %s: %v", req.URL.Host, err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return nil
	case resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusRequestTimeout:
		return fmt.Errorf("%s answered %s", req.URL.Host, resp.Status)
	}
	return permanent{fmt.Errorf("%s answered %s", req.URL.Host, resp.Status)}
}

// email sends the message as a plain-text mail. net/smtp upgrades to TLS
// when the server offers STARTTLS and refuses PLAIN authentication over an
// unencrypted connection to another host.
func (d *Destination) email(ctx context.Context, m *Message, to []string) error {
	host, _, err := net.SplitHostPort(d.SMTP)
	if err != nil {
		return permanent{fmt.Errorf("smtp %q is not host:port", d.SMTP)}
	}
	var msg bytes.Buffer
	fmt.Fprintf(&msg, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
		header(d.From), header(strings.Join(to, ", ")), mime.QEncoding.Encode("utf-8", header(m.Subject())), time.Now().UTC().Format(time.RFC1123Z))
	body := m.Text("- ", func(s string) string { return s })
	msg.WriteString(strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\n", "\r\n"))
	var auth smtp.Auth
	if d.Username != "" {
		auth = smtp.PlainAuth("", d.Username, d.Password, host)
	}
	if err := d.smtpSend(ctx, host, auth, to, msg.Bytes()); err != nil {
		return fmt.Errorf("sending through %s: %v", d.SMTP, err)
	}
	return nil
}

// smtpSend is smtp.SendMail bounded by the context's deadline.
func (d *Destination) smtpSend(ctx context.Context, host string, auth smtp.Auth, to []string, msg []byte) error {
	var dialer net.Dialer
	conn, err := dialer.DialContext(ctx, "tcp", d.SMTP)
	if err != nil {
		return err
	}
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return err
	}
	defer c.Close()
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(&tls.Config{ServerName: host}); err != nil {
			return err
		}
	}
	if auth != nil {
		if ok, _ := c.Extension("AUTH"); !ok {
			return permanent{errors.New("the server does not offer authentication, yet username is set")}
		}
		if err := c.Auth(auth); err != nil {
			return err
		}
	}
	if err := c.Mail(d.From); err != nil {
		return err
	}
	for _, rcpt := range to {
		if err := c.Rcpt(rcpt); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// header keeps a header value on one line.
func header(s string) string {
	return strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
}
