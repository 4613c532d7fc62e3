package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/socle-dev/socle/evaluator/evidence"
)

// Verify walks the chain from the first run, in one consistent snapshot of the
// store (writers may go on appending). For each run it checks, in order: that
// it is the next position and links to the hash of the run before it; each
// record (its bytes hash to its stored sha256, it belongs to the run at its
// position, its query columns agree with it, every blob it needs is present
// and matches its hash); that it holds exactly the records its header counts;
// that its header and records hash to its stored hash. Then that the head
// names the last run, and that no record is left of a deleted run. It stops at
// the first problem.
func (s *sqlStore) Verify(ctx context.Context) (*Report, error) {
	tx, err := s.db.BeginTx(ctx, s.d.readTx)
	if err != nil {
		return nil, s.wrap("reading", err)
	}
	defer tx.Rollback()
	v := &verifier{s: s, q: tx, blobs: map[string]bool{}, rep: &Report{}}
	if v.rep.Head, err = s.head(ctx, tx); err != nil {
		return nil, err
	}
	if err := v.walk(ctx); err != nil {
		return nil, err
	}
	return v.rep, nil
}

type verifier struct {
	s     *sqlStore
	q     querier
	blobs map[string]bool // checked and intact
	rep   *Report
}

// storedRun is a run row.
type storedRun struct {
	seq      int64
	id       string
	asOf     string
	records  int
	header   []byte
	prevHash string
	hash     string
	// runGroup, shardIndex and shardCount copy the header's run group and
	// shard (migration 4).
	runGroup   string
	shardIndex int
	shardCount int
}

func (v *verifier) problem(p *Problem) error {
	v.rep.Problem = p
	return errStop
}

// errStop ends the walk at the first problem.
var errStop = errors.New("stop")

func (v *verifier) walk(ctx context.Context) error {
	err := v.runs(ctx)
	if errors.Is(err, errStop) {
		return nil
	}
	return err
}

func (v *verifier) runs(ctx context.Context) error {
	rows, err := v.q.QueryContext(ctx, `SELECT seq, id, as_of, records, header, prev_hash, hash, run_group, shard_index, shard_count FROM socle_runs ORDER BY seq`)
	if err != nil {
		return v.s.wrap("reading", err)
	}
	var runs []storedRun
	for rows.Next() {
		var r storedRun
		if err := rows.Scan(&r.seq, &r.id, &r.asOf, &r.records, &r.header, &r.prevHash, &r.hash, &r.runGroup, &r.shardIndex, &r.shardCount); err != nil {
			rows.Close()
			return v.s.wrap("reading", err)
		}
		runs = append(runs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return v.s.wrap("reading", err)
	}

	prev := storedRun{seq: 0, hash: Genesis}
	progress := progressOf(ctx)
	progress(0, len(runs))
	for i, r := range runs {
		if err := v.link(prev, r); err != nil {
			return err
		}
		if err := v.run(ctx, r); err != nil {
			return err
		}
		v.rep.Runs++
		prev = r
		progress(i+1, len(runs))
	}
	head := v.rep.Head
	if head.Seq != prev.seq || head.Hash != prev.hash {
		msg := fmt.Sprintf("The head of the chain names run #%d with hash %s, but the last run in the store is #%d with hash %s", head.Seq, head.Hash, prev.seq, prev.hash)
		if head.Seq > prev.seq {
			msg += fmt.Sprintf(": the latest %s deleted.", plural(int(head.Seq-prev.seq), "run was", "runs were"))
		} else {
			msg += ": the head was edited."
		}
		return v.problem(&Problem{Kind: ProblemHeadMismatch, RunSeq: head.Seq, Expected: prev.hash, Found: head.Hash, Message: msg})
	}
	var orphan string
	err = v.q.QueryRowContext(ctx, `SELECT run_id FROM socle_records WHERE run_id NOT IN (SELECT id FROM socle_runs) ORDER BY run_id LIMIT 1`).Scan(&orphan)
	switch {
	case err == nil:
		return v.problem(&Problem{Kind: ProblemOrphanRecords, RunID: orphan,
			Message: fmt.Sprintf("Records of run %s are in the store, but the run is not: the run was deleted.", orphan)})
	case !errors.Is(err, sql.ErrNoRows):
		return v.s.wrap("reading", err)
	}
	return nil
}

// link checks that r follows prev in the chain.
func (v *verifier) link(prev, r storedRun) error {
	name := runName(r)
	if r.seq == prev.seq+1 && r.prevHash == prev.hash {
		return nil
	}
	p := &Problem{Kind: ProblemChainBroken, RunSeq: r.seq, RunID: r.id, Expected: prev.hash, Found: r.prevHash}
	before := "the start of the chain"
	if prev.seq > 0 {
		before = "run " + runName(prev)
	}
	switch {
	case r.seq > prev.seq+1:
		p.Kind = ProblemRunMissing
		missing := fmt.Sprintf("run #%d", prev.seq+1)
		if r.seq > prev.seq+2 {
			missing = fmt.Sprintf("runs #%d to #%d", prev.seq+1, r.seq-1)
		}
		p.Message = fmt.Sprintf("The chain is broken before run %s: it links to %s, but the run before it in the store is %s (hash %s): %s deleted.",
			name, r.prevHash, before, prev.hash, plural(int(r.seq-prev.seq-1), missing+" was", missing+" were"))
	default:
		p.Message = fmt.Sprintf("The chain is broken at run %s: it links to %s, but %s has hash %s.", name, r.prevHash, before, prev.hash)
	}
	return v.problem(p)
}

func runName(r storedRun) string { return fmt.Sprintf("#%d (%s)", r.seq, r.id) }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// run checks one run's header, records, blobs and hash.
func (v *verifier) run(ctx context.Context, r storedRun) error {
	name := runName(r)
	var h Header
	if err := json.Unmarshal(r.header, &h); err != nil {
		return v.problem(&Problem{Kind: ProblemRunEdited, RunSeq: r.seq, RunID: r.id,
			Message: fmt.Sprintf("Run %s: its header is not valid JSON (%v): it was edited.", name, err)})
	}
	if h.ID != r.id || formatTime(h.AsOf) != r.asOf || h.Records != r.records {
		return v.problem(&Problem{Kind: ProblemHeaderMismatch, RunSeq: r.seq, RunID: r.id,
			Expected: fmt.Sprintf("id %s, as_of %s, %d records", h.ID, formatTime(h.AsOf), h.Records),
			Found:    fmt.Sprintf("id %s, as_of %s, %d records", r.id, r.asOf, r.records),
			Message: fmt.Sprintf("Run %s: its columns (id %s, as_of %s, %d records) disagree with its header (id %s, as_of %s, %d records): the run was edited.",
				name, r.id, r.asOf, r.records, h.ID, formatTime(h.AsOf), h.Records)})
	}
	if si, sc := shardColumns(h); h.RunGroup != r.runGroup || si != r.shardIndex || sc != r.shardCount {
		return v.problem(&Problem{Kind: ProblemHeaderMismatch, RunSeq: r.seq, RunID: r.id,
			Expected: fmt.Sprintf("run group %q, shard %d/%d", h.RunGroup, si, sc),
			Found:    fmt.Sprintf("run group %q, shard %d/%d", r.runGroup, r.shardIndex, r.shardCount),
			Message: fmt.Sprintf("Run %s: its columns (run group %q, shard %d/%d) disagree with its header (run group %q, shard %d/%d): the run was edited.",
				name, r.runGroup, r.shardIndex, r.shardCount, h.RunGroup, si, sc)})
	}
	recs, err := v.s.runRecords(ctx, v.q, r.id)
	if err != nil {
		return err
	}
	missing := func(index int) error {
		id := RecordID(r.id, index)
		return v.problem(&Problem{Kind: ProblemRecordMissing, RunSeq: r.seq, RunID: r.id, RecordID: id,
			Message: fmt.Sprintf("Record %s is missing: run %s has %d records, and the store holds %d of them.", id, name, h.Records, len(recs))})
	}
	hashes := make([]string, 0, len(recs))
	for i, rec := range recs {
		want := i + 1
		if rec.Index != want || want > h.Records {
			if want <= h.Records {
				return missing(want)
			}
			return v.problem(&Problem{Kind: ProblemRecordExtra, RunSeq: r.seq, RunID: r.id, RecordID: rec.ID,
				Message: fmt.Sprintf("Record %s is not part of run %s, which has %d records: it was added.", rec.ID, name, h.Records)})
		}
		if err := v.record(ctx, r, h, rec); err != nil {
			return err
		}
		hashes = append(hashes, sha256Hex(rec.Canonical))
	}
	if len(recs) < h.Records {
		return missing(len(recs) + 1)
	}
	if got := RunHash(r.prevHash, r.header, hashes); got != r.hash {
		return v.problem(&Problem{Kind: ProblemRunEdited, RunSeq: r.seq, RunID: r.id, Expected: r.hash, Found: got,
			Message: fmt.Sprintf("Run %s does not match its hash: it is stored with hash %s, its header and records hash to %s: the run was edited.", name, r.hash, got)})
	}
	return nil
}

// record checks one record and the blobs it needs.
func (v *verifier) record(ctx context.Context, r storedRun, h Header, rec StoredRecord) error {
	if got := sha256Hex(rec.Canonical); got != rec.SHA256 {
		return v.problem(&Problem{Kind: ProblemRecordEdited, RunSeq: r.seq, RunID: r.id, RecordID: rec.ID, Expected: rec.SHA256, Found: got,
			Message: fmt.Sprintf("Record %s was edited: it is stored with sha256 %s, and its content hashes to %s.", rec.ID, rec.SHA256, got)})
	}
	invalid := func(format string, args ...any) error {
		return v.problem(&Problem{Kind: ProblemRecordInvalid, RunSeq: r.seq, RunID: r.id, RecordID: rec.ID,
			Message: fmt.Sprintf("Record %s: ", rec.ID) + fmt.Sprintf(format, args...)})
	}
	var body evidence.Record
	if err := json.Unmarshal(rec.Canonical, &body); err != nil {
		return invalid("it is not a valid evidence record (%v).", err)
	}
	if body.RunID != r.id {
		return invalid("it belongs to run %q, not to run %s.", body.RunID, runName(r))
	}
	want := infoOf(rec.ID, r.id, rec.Index, rec.SHA256, &body)
	got := rec.RecordInfo
	if !got.AsOf.Equal(want.AsOf) || !h.AsOf.Equal(want.AsOf) {
		return invalid("it is as of %s, its as_of column says %s and its run %s.", formatTime(want.AsOf), formatTime(got.AsOf), formatTime(h.AsOf))
	}
	got.AsOf, want.AsOf = time.Time{}, time.Time{}
	if got != want {
		return invalid("its columns (control %q, ref %q, objective %q, ref %q, target %q, status %q) disagree with its content (control %q, ref %q, objective %q, ref %q, target %q, status %q): the columns were edited.",
			got.Control, got.ControlRef, got.Objective, got.ObjectiveRef, got.Target, got.Status,
			want.Control, want.ControlRef, want.Objective, want.ObjectiveRef, want.Target, want.Status)
	}
	for _, key := range slices.Sorted(maps.Keys(body.InputSHA256)) {
		if err := v.blob(ctx, r, rec, body.InputSHA256[key], BlobInput, fmt.Sprintf("the input document %q", key)); err != nil {
			return err
		}
	}
	if body.Policy.SHA256 != "" {
		if err := v.blob(ctx, r, rec, body.Policy.SHA256, BlobPolicy, fmt.Sprintf("the modules of policy %s", body.Policy.Package)); err != nil {
			return err
		}
	}
	v.rep.Records++
	return nil
}

// blob checks a blob a record needs, once per walk.
func (v *verifier) blob(ctx context.Context, r storedRun, rec StoredRecord, sum, kind, what string) error {
	if v.blobs[sum] {
		return nil
	}
	p := &Problem{RunSeq: r.seq, RunID: r.id, RecordID: rec.ID, Blob: sum, Expected: sum}
	b, err := v.s.blob(ctx, v.q, sum)
	var eb *errBlob
	switch {
	case errors.Is(err, ErrNotFound):
		p.Kind = ProblemBlobMissing
		p.Message = fmt.Sprintf("Blob %s (%s, needed by record %s) is missing from the store.", sum, what, rec.ID)
		return v.problem(p)
	case errors.As(err, &eb):
		p.Kind = ProblemBlobCorrupt
		p.Found = eb.found
		p.Message = fmt.Sprintf("Blob %s (%s, needed by record %s) was altered: %s.", sum, what, rec.ID, eb.detail)
		return v.problem(p)
	case err != nil:
		return err
	}
	if b.Kind != kind {
		p.Kind = ProblemBlobCorrupt
		p.Found = b.Kind
		p.Message = fmt.Sprintf("Blob %s (%s, needed by record %s) is stored as a %s blob, not a %s blob: it was altered.", sum, what, rec.ID, b.Kind, kind)
		return v.problem(p)
	}
	v.blobs[sum] = true
	v.rep.Blobs++
	return nil
}
