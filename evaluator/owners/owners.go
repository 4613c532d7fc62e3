// Package owners is the digest per control owner (socle owners): each
// owner's controls, the latest recorded status of each on each target, the
// resources that fail in it, and the waivers about to expire — what the
// owner must hear about.
//
// It reads the loaded repository (evaluator.Repo) for the controls, their
// owners and waivers, and the evidence store (evaluator/store) for the
// latest records; only cmd imports it.
package owners

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/evidence"
	"github.com/socle-dev/socle/evaluator/store"
)

// Version is the version of the digest's shape (the json format).
const Version = "1"

// NoOwner is the heading of the controls that name no owner.
const NoOwner = "(no owner)"

// StatusNoRecord is a target's status when the store holds no record of it.
const StatusNoRecord = "no record"

// Options are what a digest reads.
type Options struct {
	Repo  *evaluator.Repo
	Store store.Store // nil: no store, every target has no record
	AsOf  time.Time   // the latest records up to the end of this day
	// Within is how many days ahead a waiver's expiry is reported (30).
	Within int
}

// Digest is the digest of every owner.
type Digest struct {
	DigestVersion string  `json:"digest_version"`
	Organization  string  `json:"organization"`
	System        string  `json:"system"`
	AsOf          string  `json:"as_of"`
	Within        int     `json:"waiver_horizon_days"`
	Store         string  `json:"store"`
	Owners        []Owner `json:"owners"`
}

// Owner is one owner's digest.
type Owner struct {
	Owner    string    `json:"owner"`
	Controls []Control `json:"controls"`
	// Failing counts the controls whose latest record failed or errored on
	// some target; Missing those with a target that has no record.
	Failing         int `json:"failing"`
	Missing         int `json:"missing"`
	WaiversExpiring int `json:"waivers_expiring"`
}

// Control is one control of an owner.
type Control struct {
	Label     string   `json:"label"`
	Ref       string   `json:"ref"`
	Title     string   `json:"title"`
	Objective string   `json:"objective"` // ref
	Severity  string   `json:"severity"`
	Targets   []Target `json:"targets"`
	// Waivers are the control's waivers that expire within the horizon
	// or have expired.
	Waivers []Waiver `json:"waivers"`
}

// Target is the latest record of a control on one target.
type Target struct {
	Target string `json:"target"`
	Status string `json:"status"` // pass, fail, not_tested, error, or "no record"
	At     string `json:"at,omitempty"`
	Record string `json:"record,omitempty"`
	Error  string `json:"error,omitempty"`
	// Failing are the resources with an unwaived finding ("" is the
	// target as a whole), with their messages.
	Failing []Resource `json:"failing"`
}

// Resource is one failing resource.
type Resource struct {
	Resource string   `json:"resource"`
	Messages []string `json:"messages"`
}

// Waiver is a waiver about to expire, or expired.
type Waiver struct {
	Label     string   `json:"label"`
	Resources []string `json:"resources"`
	Expires   string   `json:"expires"`
	DaysLeft  int      `json:"days_left"` // negative: expired
	Ticket    string   `json:"ticket"`
}

// Build makes the digest.
func Build(ctx context.Context, o Options) (*Digest, error) {
	if o.Within <= 0 {
		o.Within = 30
	}
	repo := o.Repo
	t := o.AsOf.UTC()
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	end := day.AddDate(0, 0, 1)
	d := &Digest{DigestVersion: Version, Organization: repo.Settings.Organization, System: repo.Settings.System,
		AsOf: day.Format(time.DateOnly), Within: o.Within, Store: "none", Owners: []Owner{}}
	type key struct{ control, target string }
	latest := map[key]store.RecordInfo{}
	if o.Store != nil {
		d.Store = o.Store.Location()
		infos, err := o.Store.Records(ctx, store.Filter{To: end})
		if err != nil {
			return nil, err
		}
		for _, ri := range infos { // chain order: a later record of the same as_of wins
			k := key{ri.Control, ri.Target}
			if prev, ok := latest[k]; !ok || !ri.AsOf.Before(prev.AsOf) {
				latest[k] = ri
			}
		}
	}
	byOwner := map[string]*Owner{}
	for _, c := range repo.Controls {
		name := c.Owner
		if name == "" {
			name = NoOwner
		}
		ow := byOwner[name]
		if ow == nil {
			ow = &Owner{Owner: name, Controls: []Control{}}
			byOwner[name] = ow
		}
		ctl := Control{Label: c.Label, Ref: c.Ref, Title: c.Title, Severity: c.Severity, Targets: []Target{}, Waivers: []Waiver{}}
		if c.Objective != nil {
			ctl.Objective = c.Objective.Ref
		}
		failing, missing := false, false
		for _, tg := range c.Targets {
			out := Target{Target: tg.Name, Status: StatusNoRecord, Failing: []Resource{}}
			ri, ok := latest[key{c.Label, tg.Name}]
			if !ok {
				missing = true
				ctl.Targets = append(ctl.Targets, out)
				continue
			}
			sr, err := o.Store.Record(ctx, ri.ID)
			if err != nil {
				return nil, err
			}
			rec, err := sr.Decode()
			if err != nil {
				return nil, err
			}
			out.Status, out.At, out.Record = string(rec.Status), rec.AsOf.UTC().Format(time.RFC3339), ri.ID
			if rec.Error != nil {
				out.Error = *rec.Error
			}
			out.Failing = failingOf(rec)
			if out.Status == "fail" || out.Status == "error" {
				failing = true
			}
			ctl.Targets = append(ctl.Targets, out)
		}
		for _, w := range repo.Waivers {
			if w.Control.Name != c.Addr.Name || (w.Control.Key != addrs.NoKey && w.Control.Key != c.Addr.Key) {
				continue
			}
			left := int(w.Expires.Sub(end).Hours() / 24)
			if !w.Expires.After(end) {
				left = -int(end.Sub(w.Expires).Hours() / 24)
			}
			if left > o.Within {
				continue
			}
			ctl.Waivers = append(ctl.Waivers, Waiver{Label: w.Label, Resources: w.Resources, Expires: w.ExpiresRaw, DaysLeft: left, Ticket: w.Ticket})
			ow.WaiversExpiring++
		}
		if failing {
			ow.Failing++
		}
		if missing {
			ow.Missing++
		}
		ow.Controls = append(ow.Controls, ctl)
	}
	for _, ow := range byOwner {
		d.Owners = append(d.Owners, *ow)
	}
	slices.SortFunc(d.Owners, func(a, b Owner) int {
		if (a.Owner == NoOwner) != (b.Owner == NoOwner) {
			if a.Owner == NoOwner {
				return 1
			}
			return -1
		}
		return strings.Compare(a.Owner, b.Owner)
	})
	return d, nil
}

// failingOf lists a record's unwaived findings by resource.
func failingOf(rec *evidence.Record) []Resource {
	out := []Resource{}
	var wide []string
	for _, f := range rec.TargetWide {
		if !f.Waived {
			wide = append(wide, f.Message)
		}
	}
	if len(wide) > 0 {
		out = append(out, Resource{Resource: "", Messages: wide})
	}
	for _, v := range rec.Verdicts {
		if v.Verdict == evidence.VerdictFail {
			msgs := v.Messages
			if msgs == nil {
				msgs = []string{}
			}
			out = append(out, Resource{Resource: v.Resource, Messages: msgs})
		}
	}
	return out
}

// Formats are the formats a digest renders to.
var Formats = []string{"markdown", "json"}

// Render writes the digest in a format; an unknown format is an error.
func Render(w io.Writer, d *Digest, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(d)
	case "markdown":
		_, err := io.WriteString(w, Markdown(d))
		return err
	}
	return fmt.Errorf("unknown owners format %q: use one of %s", format, strings.Join(Formats, ", "))
}

func md(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// Markdown is the digest as one section per owner, to mail or post.
func Markdown(d *Digest) string {
	var b strings.Builder
	who := strings.Join(slices.DeleteFunc([]string{d.Organization, d.System}, func(s string) bool { return s == "" }), " — ")
	if who == "" {
		who = "the policy repository"
	}
	fmt.Fprintf(&b, "# Control owners' digest: %s\n\n", md(who))
	fmt.Fprintf(&b, "The latest recorded status of each control as of %s (evidence store `%s`), and the waivers that expire within %d days.\n", d.AsOf, d.Store, d.Within)
	for _, ow := range d.Owners {
		fmt.Fprintf(&b, "\n## %s\n\n", md(ow.Owner))
		fmt.Fprintf(&b, "%s, %d failing, %d without a record, %s expiring or expired.\n\n", count(len(ow.Controls), "control"), ow.Failing, ow.Missing, count(ow.WaiversExpiring, "waiver"))
		b.WriteString("| Control | Objective | Target | Latest status | Failing resources |\n| --- | --- | --- | --- | --- |\n")
		for _, c := range ow.Controls {
			name := md(strings.TrimSpace(c.Ref+" "+c.Label) + " — " + c.Title)
			for _, t := range c.Targets {
				status := t.Status
				if t.At != "" {
					status += " (" + t.At + ")"
				}
				var fails []string
				for _, r := range t.Failing {
					res := r.Resource
					if res == "" {
						res = "(the target)"
					}
					fails = append(fails, "`"+res+"`: "+strings.Join(r.Messages, "; "))
				}
				if t.Error != "" {
					fails = append(fails, "error: "+t.Error)
				}
				fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", name, md(c.Objective), md(t.Target), status, md(strings.Join(fails, "<br>")))
			}
		}
		var ws []string
		for _, c := range ow.Controls {
			for _, w := range c.Waivers {
				res := "every finding"
				if w.Resources != nil {
					res = strings.Join(w.Resources, ", ")
				}
				when := fmt.Sprintf("expires %s (%d days left)", w.Expires, w.DaysLeft)
				if w.DaysLeft < 0 {
					when = "expired on " + w.Expires
				}
				ticket := ""
				if w.Ticket != "" {
					ticket = ", ticket " + w.Ticket
				}
				ws = append(ws, fmt.Sprintf("- `%s` on %s (%s): %s%s", w.Label, c.Label, md(res), when, md(ticket)))
			}
		}
		if len(ws) > 0 {
			b.WriteString("\nWaivers about to expire:\n\n" + strings.Join(ws, "\n") + "\n")
		}
	}
	return b.String()
}

func count(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
