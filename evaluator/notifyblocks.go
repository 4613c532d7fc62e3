package evaluator

import (
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/config"
	"github.com/socle-dev/socle/evaluator/notify"
	"github.com/zclconf/go-cty/cty"
)

// NotifyBlock is a notify block as loading checks it: its type, events and
// delivery settings. Where it sends and with which secrets (url, secret,
// smtp, from, to, username, password) is evaluated only when a run
// notifies (Repo.Destinations), so a job that does not notify needs none of
// the environment variables they read.
type NotifyBlock struct {
	Label string
	Type  string
	// ToOwners: an email block also mails each control's owner (an owner
	// that is an e-mail address) the part of the message about their
	// controls.
	ToOwners   bool
	Events     []string
	WaiverDays int
	Retries    int
	Backoff    time.Duration
	Timeout    time.Duration
	DeclRange  hcl.Range
	cfg        *config.Notify
}

// notifyAttrs are the attributes each type takes beyond the common ones,
// and those it requires.
var notifyAttrs = map[string]struct{ takes, requires []string }{
	notify.TypeWebhook: {takes: []string{"url", "secret"}, requires: []string{"url"}},
	notify.TypeSlack:   {takes: []string{"url"}, requires: []string{"url"}},
	notify.TypeEmail:   {takes: []string{"smtp", "from", "to", "to_owners", "username", "password"}, requires: []string{"smtp", "from", "to"}},
}

// MaxNotifyRetries bounds a notify block's retries.
const MaxNotifyRetries = 10

func notifyExprs(n *config.Notify) map[string]hcl.Expression {
	return map[string]hcl.Expression{"url": n.URL, "secret": n.Secret, "smtp": n.SMTP, "from": n.From, "to": n.To, "to_owners": n.ToOwners, "username": n.Username, "password": n.Password}
}

// notifies checks the notify blocks, sorted by label.
func (l *loader) notifies() {
	for _, name := range keys(l.cfg.Notifies) {
		n := l.cfg.Notifies[name]
		b := &NotifyBlock{Label: name, Events: notify.Events, WaiverDays: notify.DefaultWaiverDays, Retries: notify.DefaultRetries,
			Backoff: notify.DefaultBackoff, Timeout: notify.DefaultTimeout, DeclRange: n.DeclRange, cfg: n}
		b.Type = l.oneOf(n.Type, nil, "type", notify.Types, "")
		if b.Type != "" {
			spec := notifyAttrs[b.Type]
			exprs := notifyExprs(n)
			for _, a := range []string{"url", "secret", "smtp", "from", "to", "to_owners", "username", "password"} {
				e := exprs[a]
				if e != nil && !slices.Contains(spec.takes, a) {
					l.diags = append(l.diags, errorf(e.Range().Ptr(), "Unsupported argument",
						"A notify block of type %q does not take %s; it takes %s, and events, waiver_days, retries, backoff and timeout.", b.Type, a, commaList(spec.takes)))
				}
			}
			for _, a := range spec.requires {
				if a == "to" && n.ToOwners != nil {
					continue // the owners are the recipients
				}
				if exprs[a] == nil {
					l.diags = append(l.diags, errorf(n.DeclRange.Ptr(), "Missing required argument",
						"A notify block of type %q needs %s (%s).", b.Type, a, notifyExample(a)))
				}
			}
		}
		if n.Events != nil {
			if evs, ok := l.strings(n.Events, nil, "events"); ok {
				b.Events = nil
				for _, e := range evs {
					if !slices.Contains(notify.Events, e) {
						l.diags = append(l.diags, errorf(n.Events.Range().Ptr(), "Invalid events", "%q is not an event. Use any of: %s.%s", e, commaList(notify.Events), addrs.Suggest(e, notify.Events)))
						continue
					}
					if !slices.Contains(b.Events, e) {
						b.Events = append(b.Events, e)
					}
				}
			}
		}
		if b.Type == notify.TypeEmail {
			b.ToOwners = l.boolean(n.ToOwners, nil, "to_owners", false)
		}
		b.WaiverDays = l.wholeIn(n.WaiverDays, "waiver_days", 1, 3660, b.WaiverDays)
		b.Retries = l.wholeIn(n.Retries, "retries", 0, MaxNotifyRetries, b.Retries)
		b.Backoff = l.durationOr(n.Backoff, "backoff", b.Backoff)
		b.Timeout = l.durationOr(n.Timeout, "timeout", b.Timeout)
		l.repo.Notifies = append(l.repo.Notifies, b)
	}
	l.repo.notifyScope, l.repo.notifyKnown = l.scope, l.known
}

func notifyExample(attr string) string {
	switch attr {
	case "url":
		return `url = env("SOCLE_WEBHOOK_URL")`
	case "smtp":
		return `smtp = "mail.example.com:587"`
	case "from":
		return `from = "socle@example.com"`
	}
	return `to = ["security@example.com"]`
}

func commaList(s []string) string { return strings.Join(s, ", ") }

// wholeIn reads a whole number within [lo, hi].
func (l *loader) wholeIn(expr hcl.Expression, what string, lo, hi, def int) int {
	v, ok := l.eval(expr, nil, cty.Number, what)
	if !ok {
		return def
	}
	n, whole := wholeNumber(v)
	if !whole || n < lo || n > hi {
		l.diags = append(l.diags, errorf(expr.Range().Ptr(), "Invalid "+what, "%s must be a whole number from %d to %d.", what, lo, hi))
		return def
	}
	return n
}

// durationOr reads a positive Go duration ("1s", "2m"), or def when the
// attribute is absent or invalid (the diagnostic says which).
func (l *loader) durationOr(expr hcl.Expression, what string, def time.Duration) time.Duration {
	if d, ok := l.duration(expr, what); ok {
		return d
	}
	return def
}

// Destinations evaluates the notify blocks' destinations: their URLs,
// addresses and secrets, read now (env() included). Blocks whose values
// cannot be read are reported and left out; the others are returned.
func (r *Repo) Destinations() ([]*notify.Destination, hcl.Diagnostics) {
	l := &loader{scope: r.notifyScope, known: r.notifyKnown, repo: r}
	var out []*notify.Destination
	for _, b := range r.Notifies {
		if b.Type == "" {
			continue
		}
		before := len(l.diags)
		d := &notify.Destination{Label: b.Label, Type: b.Type, ToOwners: b.ToOwners, Events: b.Events, WaiverDays: b.WaiverDays,
			Retries: b.Retries, Backoff: b.Backoff, Timeout: b.Timeout}
		n := b.cfg
		d.URL = l.str(n.URL, nil, "url")
		d.Secret = l.str(n.Secret, nil, "secret")
		d.SMTP = l.str(n.SMTP, nil, "smtp")
		d.From = l.str(n.From, nil, "from")
		d.Username = l.str(n.Username, nil, "username")
		d.Password = l.str(n.Password, nil, "password")
		if n.To != nil {
			d.To, _ = l.strings(n.To, nil, "to")
		}
		for a, v := range map[string]string{"url": d.URL, "smtp": d.SMTP, "from": d.From} {
			if v == "" && slices.Contains(notifyAttrs[b.Type].requires, a) && len(l.diags) == before {
				l.diags = append(l.diags, errorf(b.DeclRange.Ptr(), "Empty "+a, "notify.%s: %s is empty; give it a value.", b.Label, a))
			}
		}
		if b.Type == notify.TypeEmail && len(d.To) == 0 && !b.ToOwners && len(l.diags) == before {
			l.diags = append(l.diags, errorf(b.DeclRange.Ptr(), "No recipient", "notify.%s: to names no address.", b.Label))
		}
		if len(l.diags) > before {
			continue
		}
		out = append(out, d)
	}
	return out, l.diags
}
