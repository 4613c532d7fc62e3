// Package notify tells people what changed after a recorded run (socle eval
// --record --notify): the controls newly failing, those fixed, and the waivers
// about to expire, compared with the latest earlier record of each control
// and target (normally the previous recorded run's); sent to a generic
// webhook (a JSON body signed with HMAC-SHA256), a Slack-compatible incoming
// webhook, or by e-mail over SMTP. A failed delivery is retried with
// exponential backoff, a bounded number of times, and logged; it never fails
// the evaluation.
//
// Secrets (a webhook's signing key, a Slack URL, an SMTP password) never
// appear in what it logs or returns: a destination is named by its block
// label and type, and errors are stripped of URLs.
//
// It imports evaluator/result, evaluator/evidence and evaluator/redact only; the evaluator
// resolves notify blocks into Destinations, cmd builds the Message.
package notify

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"

	"github.com/socle-dev/socle/evaluator/evidence"
	"github.com/socle-dev/socle/evaluator/result"
)

// Version is the version of the message's shape (the webhook's JSON body).
const Version = "1"

// Events a destination can be sent.
const (
	EventNewlyFailing    = "newly_failing"
	EventFixed           = "fixed"
	EventWaiversExpiring = "waivers_expiring"
)

// Events lists the events, in message order.
var Events = []string{EventNewlyFailing, EventFixed, EventWaiversExpiring}

// Types of destination.
const (
	TypeWebhook = "webhook"
	TypeSlack   = "slack"
	TypeEmail   = "email"
)

// Types lists the destination types.
var Types = []string{TypeWebhook, TypeSlack, TypeEmail}

// Message is what changed with a recorded run.
type Message struct {
	Version      string `json:"socle_notification_version"`
	Organization string `json:"organization"`
	System       string `json:"system"`
	Run          Run    `json:"run"`
	// NewlyFailing are the controls and targets that fail (or error) now
	// and did not in the previous recorded run, or fail on resources that
	// did not fail then.
	NewlyFailing []Change `json:"newly_failing"`
	// Fixed are those that failed (or errored) and now pass.
	Fixed []Change `json:"fixed"`
	// WaiversExpiring are the waivers in force that expire within the
	// destination's horizon.
	WaiversExpiring []Waiver `json:"waivers_expiring"`
}

// Run names the recorded run and the one it is compared with.
type Run struct {
	ID       string    `json:"id"`
	AsOf     time.Time `json:"as_of"`
	Seq      int64     `json:"seq"`
	Hash     string    `json:"hash"`
	Previous string    `json:"previous"` // the previous run's id, "" when it is the first
	Store    string    `json:"store"`
}

// Change is one control on one target.
type Change struct {
	Control  string        `json:"control"`
	Ref      string        `json:"ref"`
	Title    string        `json:"title"`
	Severity string        `json:"severity"`
	Owner    string        `json:"owner"`
	Target   string        `json:"target"`
	Previous result.Status `json:"previous"` // "" when the previous run did not evaluate it
	Status   result.Status `json:"status"`
	// Resources are, newly failing, the resources that fail now and did not
	// before; fixed, those that failed before.
	Resources []string `json:"resources"`
	Error     string   `json:"error,omitempty"`
	Record    string   `json:"record"`
}

// Waiver is a waiver about to expire.
type Waiver struct {
	Label     string   `json:"label"`
	Control   string   `json:"control"`
	Owner     string   `json:"owner"`
	Resources []string `json:"resources"` // nil: every finding of the control
	Expires   string   `json:"expires"`
	DaysLeft  int      `json:"days_left"`
	Ticket    string   `json:"ticket"`
}

// Empty tells whether there is nothing to say.
func (m *Message) Empty() bool {
	return len(m.NewlyFailing) == 0 && len(m.Fixed) == 0 && len(m.WaiversExpiring) == 0
}

// Owners are the owners the message names that are e-mail addresses,
// sorted.
func (m *Message) Owners() []string {
	seen := map[string]bool{}
	add := func(o string) {
		if a, err := mail.ParseAddress(o); err == nil && a.Address == o {
			seen[o] = true
		}
	}
	for _, c := range m.NewlyFailing {
		add(c.Owner)
	}
	for _, c := range m.Fixed {
		add(c.Owner)
	}
	for _, w := range m.WaiversExpiring {
		add(w.Owner)
	}
	out := make([]string, 0, len(seen))
	for o := range seen {
		out = append(out, o)
	}
	slices.Sort(out)
	return out
}

// ForOwner is the part of the message about one owner's controls.
func (m *Message) ForOwner(owner string) *Message {
	out := *m
	mine := func(cs []Change) []Change {
		r := []Change{}
		for _, c := range cs {
			if c.Owner == owner {
				r = append(r, c)
			}
		}
		return r
	}
	out.NewlyFailing, out.Fixed = mine(m.NewlyFailing), mine(m.Fixed)
	out.WaiversExpiring = []Waiver{}
	for _, w := range m.WaiversExpiring {
		if w.Owner == owner {
			out.WaiversExpiring = append(out.WaiversExpiring, w)
		}
	}
	return &out
}

// For is the message a destination receives: the events it takes, and the
// waivers within its horizon.
func (m *Message) For(d *Destination) *Message {
	out := *m
	if !slices.Contains(d.Events, EventNewlyFailing) {
		out.NewlyFailing = []Change{}
	}
	if !slices.Contains(d.Events, EventFixed) {
		out.Fixed = []Change{}
	}
	out.WaiversExpiring = []Waiver{}
	if slices.Contains(d.Events, EventWaiversExpiring) {
		for _, w := range m.WaiversExpiring {
			if w.DaysLeft <= d.WaiverDays {
				out.WaiversExpiring = append(out.WaiversExpiring, w)
			}
		}
	}
	return &out
}

// Compare builds the changes of a run from its records and the latest
// earlier record of each control and target (the previous run's, else its
// own latest before; nil: there is none). owners maps a control label to
// its owner.
func Compare(now, prev []*evidence.Record, ids []string, owners map[string]string) (newly, fixed []Change) {
	type key struct{ control, target string }
	before := map[key]*evidence.Record{}
	for _, r := range prev {
		before[key{r.Control.Label, r.Target.Name}] = r
	}
	newly, fixed = []Change{}, []Change{}
	for i, r := range now {
		p := before[key{r.Control.Label, r.Target.Name}]
		c := Change{Control: r.Control.Label, Ref: r.Control.Ref, Title: r.Control.Title, Severity: r.Control.Severity,
			Owner: owners[r.Control.Label], Target: r.Target.Name, Status: r.Status, Resources: []string{}}
		if i < len(ids) {
			c.Record = ids[i]
		}
		if r.Error != nil {
			c.Error = *r.Error
		}
		bad := r.Status == result.StatusFail || r.Status == result.StatusError
		var was []string
		wasBad := false
		if p != nil {
			c.Previous = p.Status
			wasBad = p.Status == result.StatusFail || p.Status == result.StatusError
			was = failing(p)
		}
		switch {
		case bad && !wasBad:
			c.Resources = failing(r)
			newly = append(newly, c)
		case bad && r.Status == result.StatusFail:
			for _, res := range failing(r) {
				if !slices.Contains(was, res) {
					c.Resources = append(c.Resources, res)
				}
			}
			if len(c.Resources) > 0 {
				newly = append(newly, c)
			}
		case !bad && wasBad:
			c.Resources = was
			fixed = append(fixed, c)
		}
	}
	return newly, fixed
}

// failing lists a record's resources with an unwaived finding ("" for a
// finding on the target as a whole).
func failing(r *evidence.Record) []string {
	out := []string{}
	for _, f := range r.TargetWide {
		if !f.Waived {
			out = append(out, "")
			break
		}
	}
	for _, v := range r.Verdicts {
		if v.Verdict == evidence.VerdictFail {
			out = append(out, v.Resource)
		}
	}
	return out
}

// Subject is the message's one-line summary.
func (m *Message) Subject() string {
	var parts []string
	if n := len(m.NewlyFailing); n > 0 {
		parts = append(parts, fmt.Sprintf("%d newly failing", n))
	}
	if n := len(m.Fixed); n > 0 {
		parts = append(parts, fmt.Sprintf("%d fixed", n))
	}
	if n := len(m.WaiversExpiring); n > 0 {
		parts = append(parts, fmt.Sprintf("%d %s expiring", n, pluralize(n, "waiver")))
	}
	who := m.System
	if who == "" {
		who = m.Organization
	}
	if who != "" {
		who = " — " + who
	}
	return "socle: " + strings.Join(parts, ", ") + who
}

// Text is the message as plain text (the e-mail body, the Slack text).
func (m *Message) Text(bullet string, code func(string) string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Run %s as of %s", m.Run.ID, m.Run.AsOf.UTC().Format(time.RFC3339))
	if m.Run.Previous != "" {
		fmt.Fprintf(&b, ", compared with run %s", m.Run.Previous)
	}
	b.WriteString(".\n")
	section := func(title string, cs []Change) {
		if len(cs) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s:\n", title)
		for _, c := range cs {
			fmt.Fprintf(&b, "%s%s %s on %s: %s", bullet, c.Ref, code(c.Control), code(c.Target), c.Status)
			if c.Previous != "" {
				fmt.Fprintf(&b, " (was %s)", c.Previous)
			}
			if len(c.Resources) > 0 {
				res := make([]string, len(c.Resources))
				for i, r := range c.Resources {
					if r == "" {
						r = "(the target)"
					}
					res[i] = code(r)
				}
				fmt.Fprintf(&b, ": %s", strings.Join(res, ", "))
			}
			if c.Error != "" {
				fmt.Fprintf(&b, ": %s", c.Error)
			}
			if c.Owner != "" {
				fmt.Fprintf(&b, " (owner %s)", c.Owner)
			}
			b.WriteString("\n")
		}
	}
	section("Newly failing", m.NewlyFailing)
	section("Fixed", m.Fixed)
	if len(m.WaiversExpiring) > 0 {
		b.WriteString("\nWaivers expiring:\n")
		for _, w := range m.WaiversExpiring {
			fmt.Fprintf(&b, "%s%s on %s expires %s (%d %s left)", bullet, code(w.Label), code(w.Control), w.Expires, w.DaysLeft, pluralize(w.DaysLeft, "day"))
			if w.Ticket != "" {
				fmt.Fprintf(&b, ", ticket %s", w.Ticket)
			}
			if w.Owner != "" {
				fmt.Fprintf(&b, " (owner %s)", w.Owner)
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func pluralize(n int, s string) string {
	if n == 1 {
		return s
	}
	return s + "s"
}
