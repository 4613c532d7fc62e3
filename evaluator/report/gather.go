package report

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/evidence"
	"github.com/socle-dev/socle/evaluator/period"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/socle-dev/socle/evaluator/store"
)

// IntegrityError is a store whose chain, a record or a signature does not
// verify: no report is built on it.
type IntegrityError struct{ Msg string }

func (e *IntegrityError) Error() string { return e.Msg }

// record is one stored record the report reads.
type record struct {
	id, sha256 string
	runID      string
	rec        *evidence.Record
}

// gathered is what the store holds for the report.
type gathered struct {
	records []*record // in chain order
	runs    []store.RunInfo
	head    store.Head
	verify  *store.Report
	samples []store.Sample
	sigs    SignatureStatus
}

// gather verifies the store and reads the records of the period (Type II)
// or the latest record of each control and target up to the date (Type I).
func gather(ctx context.Context, s store.Store, p period.Period, typeI bool, pub ed25519.PublicKey, progress func(stage string, done, total int)) (*gathered, error) {
	g := &gathered{}
	v, err := s.Verify(ctx)
	if err != nil {
		return nil, err
	}
	if v.Problem != nil {
		return nil, &IntegrityError{fmt.Sprintf("the evidence store %s is not intact, so no report is built on it: %s (socle evidence verify shows the same)", s.Location(), v.Problem.Message)}
	}
	g.verify, g.head = v, v.Head
	if typeI {
		err = g.latest(ctx, s, p)
	} else {
		err = g.period(ctx, s, p, progress)
	}
	if err != nil {
		return nil, err
	}
	// Samples are drawn over a period: a Type I report has none.
	if g.samples, err = s.Samples(ctx, store.SampleFilter{}); err != nil || typeI {
		g.samples = nil
		if err != nil {
			return nil, err
		}
	}
	g.samples = slices.DeleteFunc(g.samples, func(sm store.Sample) bool {
		return sm.To < p.From.Format(time.DateOnly) || sm.From > p.To.Format(time.DateOnly)
	})
	if err := g.signatures(ctx, s, pub); err != nil {
		return nil, err
	}
	return g, nil
}

// period reads every record whose as_of falls in the period.
func (g *gathered) period(ctx context.Context, s store.Store, p period.Period, progress func(stage string, done, total int)) error {
	runs, err := s.Runs(ctx, store.Filter{From: p.From, To: p.End()})
	if err != nil {
		return err
	}
	g.runs = runs
	for i, run := range runs {
		if progress != nil {
			progress("reading records", i, len(runs))
		}
		recs, err := s.RunRecords(ctx, run.Header.ID)
		if err != nil {
			return err
		}
		for i := range recs {
			if err := g.add(&recs[i]); err != nil {
				return err
			}
		}
	}
	if progress != nil {
		progress("reading records", len(runs), len(runs))
	}
	return nil
}

// latest reads, for each control and target, its latest record up to the
// end of the date.
func (g *gathered) latest(ctx context.Context, s store.Store, p period.Period) error {
	infos, err := s.Records(ctx, store.Filter{To: p.End()})
	if err != nil {
		return err
	}
	type key struct{ control, target string }
	last := map[key]store.RecordInfo{}
	for _, ri := range infos { // chain order: a later record of the same as_of wins
		k := key{ri.Control, ri.Target}
		if prev, ok := last[k]; !ok || !ri.AsOf.Before(prev.AsOf) {
			last[k] = ri
		}
	}
	runIDs := map[string]bool{}
	for _, ri := range infos {
		if last[key{ri.Control, ri.Target}].ID != ri.ID {
			continue
		}
		sr, err := s.Record(ctx, ri.ID)
		if err != nil {
			return err
		}
		if err := g.add(sr); err != nil {
			return err
		}
		runIDs[ri.RunID] = true
	}
	runs, err := s.Runs(ctx, store.Filter{To: p.End()})
	if err != nil {
		return err
	}
	for _, r := range runs {
		if runIDs[r.Header.ID] {
			g.runs = append(g.runs, r)
		}
	}
	return nil
}

func (g *gathered) add(sr *store.StoredRecord) error {
	rec, err := sr.Decode()
	if err != nil {
		return &IntegrityError{err.Error()}
	}
	g.records = append(g.records, &record{id: sr.ID, sha256: sr.SHA256, runID: sr.RunID, rec: rec})
	return nil
}

// signatures states which of the runs read carry a signature, and with a
// public key checks them: an invalid signature is an integrity error.
func (g *gathered) signatures(ctx context.Context, s store.Store, pub ed25519.PublicKey) error {
	sigs, err := s.Signatures(ctx)
	if err != nil {
		return err
	}
	st := SignatureStatus{Runs: len(g.runs), KeyIDs: []string{}, Unsigned: []string{}}
	bySeq := map[int64]store.Signature{}
	for _, sg := range sigs {
		bySeq[sg.RunSeq] = sg
	}
	keys := map[string]bool{}
	for _, r := range g.runs {
		sg, ok := bySeq[r.Seq]
		if !ok {
			st.Unsigned = append(st.Unsigned, r.Header.ID)
			continue
		}
		st.Signed++
		keys[sg.KeyID] = true
	}
	st.KeyIDs = slices.Sorted(maps.Keys(keys))
	runs := plural(st.Runs, "run", "runs")
	switch {
	case st.Runs == 0:
		st.Statement = "No run was read, so no signature applies."
	case pub != nil:
		_, problem := store.CheckSignatures(g.runs, sigs, pub)
		if problem != nil {
			return &IntegrityError{problem.Message}
		}
		st.Verified = st.Signed > 0
		st.Statement = fmt.Sprintf("%d of %s signed; every signature verified with the public key %s.", st.Signed, runs, store.KeyID(pub))
	case st.Signed == 0:
		st.Statement = fmt.Sprintf("None of the %s is signed.", runs)
	default:
		st.Statement = fmt.Sprintf("%d of %s signed (key %s); the signatures were not verified: give --pub-key to verify them.", st.Signed, runs, strings.Join(st.KeyIDs, ", "))
	}
	if len(st.Unsigned) > 0 && st.Signed > 0 {
		st.Statement += fmt.Sprintf(" Unsigned: %s.", strings.Join(st.Unsigned, ", "))
	}
	g.sigs = st
	return nil
}

// manualFile is one evidence file of a manual control, read and hashed.
type manualFile struct {
	file, sha256, description string
	date                      time.Time
	err                       string // the file cannot be read or lost its declared digest
}

// manualEvidence reads a manual control's evidence files dated up to the
// period's end (from its start for Type II).
func manualEvidence(repo *evaluator.Repo, c *evaluator.Control, p period.Period, typeI bool) []manualFile {
	files, _ := repo.EvidenceFiles(c)
	var out []manualFile
	for _, e := range files {
		if !e.Date.Before(p.End()) || (!typeI && e.Date.Before(p.From)) {
			continue
		}
		m := manualFile{file: e.File, date: e.Date, description: e.Description}
		b, err := fs.ReadFile(repo.FS, e.File)
		switch {
		case err != nil:
			m.err = fmt.Sprintf("evidence file %s cannot be read: %v", e.File, err)
		default:
			sum := sha256.Sum256(b)
			m.sha256 = hex.EncodeToString(sum[:])
			if e.SHA256 != "" && e.SHA256 != m.sha256 {
				m.err = fmt.Sprintf("evidence file %s has changed since it was declared: its sha256 is %s, the evidence block declares %s", e.File, m.sha256, e.SHA256)
			}
		}
		out = append(out, m)
	}
	if typeI && len(out) > 1 {
		out = out[len(out)-1:]
	}
	return out
}

// observation of a manual evidence file, for the period engine.
func (m manualFile) observation(c *evaluator.Control) period.Observation {
	o := period.Observation{
		RecordID: "file:" + m.file, Control: c.Label, ControlRef: c.Ref, Target: evaluator.ManualTarget,
		Frequency: c.Frequency, AsOf: m.date, Status: result.StatusPass,
	}
	if c.Objective != nil {
		o.Objective, o.ObjectiveRef = c.Objective.Label, c.Objective.Ref
	}
	if m.err != "" {
		o.Status = result.StatusError
	}
	return o
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
