package command

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/evidence"
	"github.com/socle-dev/socle/evaluator/notify"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/socle-dev/socle/evaluator/store"
)

// notifyRun sends what changed with the run just recorded (compared with
// the latest earlier record of each control and target) to every notify
// block. Nothing here fails the
// command: a destination that cannot be read or reached is logged to stderr.
func notifyRun(ctx context.Context, stderr io.Writer, o *repoOptions, st store.Store, repo *evaluator.Repo, doc *result.Document, asOf time.Time) {
	dests, diags := repo.Destinations()
	for _, d := range diags {
		d.Severity = hcl.DiagWarning // a notification never fails the run
	}
	o.printDiags(stderr, repo.Sources(), diags)
	if len(dests) == 0 {
		notef(stderr, "Notified nobody: no notify block could be read.\n")
		return
	}
	msg, err := buildMessage(ctx, st, repo, doc, asOf)
	if err != nil {
		fmt.Fprintf(stderr, "Warning: nothing was notified: reading the recorded runs: %v\n", err)
		return
	}
	for _, d := range dests {
		m := msg.For(d)
		if m.Empty() {
			verbosef(stderr, "%s: nothing changed that it takes; not sent.\n", d.Name())
			continue
		}
		if err := notify.Send(ctx, d, m, stderr); err != nil {
			fmt.Fprintf(stderr, "Warning: %s was not notified: %v (the run is recorded all the same)\n", d.Name(), err)
			continue
		}
		notef(stderr, "Notified %s: %s.\n", d.Name(), m.Subject())
	}
}

// buildMessage compares the recorded run with the run recorded before it,
// and each control and target that run did not evaluate with its own latest
// earlier record.
func buildMessage(ctx context.Context, st store.Store, repo *evaluator.Repo, doc *result.Document, asOf time.Time) (*notify.Message, error) {
	runs, err := st.Runs(ctx, store.Filter{})
	if err != nil {
		return nil, err
	}
	m := &notify.Message{Version: notify.Version, Organization: repo.Settings.Organization, System: repo.Settings.System,
		Run: notify.Run{ID: doc.Run.ID, AsOf: doc.Run.AsOf, Store: st.Location()}, WaiversExpiring: []notify.Waiver{}}
	var prevID string
	for i, r := range runs {
		if r.Header.ID == doc.Run.ID {
			m.Run.Seq, m.Run.Hash = r.Seq, r.Hash
			if i > 0 {
				prevID = runs[i-1].Header.ID
			}
		}
	}
	m.Run.Previous = prevID
	now, ids, err := decodedRun(ctx, st, doc.Run.ID)
	if err != nil {
		return nil, err
	}
	var prev []*evidence.Record
	if prevID != "" {
		if prev, _, err = decodedRun(ctx, st, prevID); err != nil {
			return nil, err
		}
	}
	// A control and target the previous run did not evaluate (a run of
	// some controls only, a weekly control) is compared with its own latest
	// earlier record.
	type key struct{ control, target string }
	seen := map[key]bool{}
	for _, r := range prev {
		seen[key{r.Control.Label, r.Target.Name}] = true
	}
	for _, r := range now {
		k := key{r.Control.Label, r.Target.Name}
		if seen[k] {
			continue
		}
		seen[k] = true
		earlier, err := latestBefore(ctx, st, r.Control.Label, r.Target.Name, doc.Run.ID)
		if err != nil {
			return nil, err
		}
		if earlier != nil {
			prev = append(prev, earlier)
		}
	}
	owners := map[string]string{}
	for _, c := range repo.Controls {
		owners[c.Label] = c.Owner
	}
	m.NewlyFailing, m.Fixed = notify.Compare(now, prev, ids, owners)
	end := time.Date(asOf.Year(), asOf.Month(), asOf.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1)
	for _, w := range repo.Waivers {
		if !asOf.Before(w.Expires) {
			continue
		}
		owner := ""
		for _, c := range repo.Controls {
			if c.Addr.Name == w.Control.Name {
				owner = c.Owner
				break
			}
		}
		left := max(0, int(w.Expires.Sub(end).Hours()/24))
		m.WaiversExpiring = append(m.WaiversExpiring, notify.Waiver{Label: w.Label, Control: w.Control.String(), Owner: owner,
			Resources: w.Resources, Expires: w.ExpiresRaw, DaysLeft: left, Ticket: w.Ticket})
	}
	return m, nil
}

func decodedRun(ctx context.Context, st store.Store, runID string) ([]*evidence.Record, []string, error) {
	recs, err := st.RunRecords(ctx, runID)
	if err != nil {
		return nil, nil, err
	}
	out := make([]*evidence.Record, 0, len(recs))
	ids := make([]string, 0, len(recs))
	for i := range recs {
		rec, err := recs[i].Decode()
		if err != nil {
			return nil, nil, err
		}
		out = append(out, rec)
		ids = append(ids, recs[i].ID)
	}
	return out, ids, nil
}

// latestBefore is the latest record of a control and target made by a run
// other than runID, nil when there is none.
func latestBefore(ctx context.Context, st store.Store, control, target, runID string) (*evidence.Record, error) {
	infos, err := st.Records(ctx, store.Filter{Control: control, Target: target})
	if err != nil {
		return nil, err
	}
	for i := len(infos) - 1; i >= 0; i-- { // chain order: the last is the latest
		ri := infos[i]
		if ri.RunID == runID || ri.Control != control || ri.Target != target {
			continue
		}
		sr, err := st.Record(ctx, ri.ID)
		if err != nil {
			return nil, err
		}
		return sr.Decode()
	}
	return nil, nil
}
