package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/socle-dev/socle/evaluator/result"
)

// dialect is what differs between the backends; the SQL itself is shared.
type dialect struct {
	intType  string
	blobType string
	// dollar: placeholders are $1, $2… (PostgreSQL) instead of ?.
	dollar bool
	// lockHead is appended to the head's SELECT in Append (PostgreSQL:
	// FOR UPDATE). SQLite needs none: its write transactions begin
	// IMMEDIATE, which takes the database's write lock.
	lockHead string
	// migrationLock runs first in the migrating transaction.
	migrationLock string
	// readTx are the options of Verify's transaction: one consistent
	// snapshot while writers go on appending.
	readTx *sql.TxOptions
}

// sqlStore is the Store over database/sql, for both backends.
type sqlStore struct {
	db  *sql.DB
	d   *dialect
	loc *Location
}

// querier is a *sql.DB or a *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// q writes a statement's placeholders for the dialect.
func (s *sqlStore) q(stmt string) string {
	if !s.d.dollar {
		return stmt
	}
	var b strings.Builder
	n := 0
	for _, r := range stmt {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (s *sqlStore) Location() string { return s.loc.Display }

func (s *sqlStore) Close() error { return s.db.Close() }

// timeLayout is how times are stored: UTC, fixed width, so that text order
// is time order.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) { return time.Parse(timeLayout, s) }

func (s *sqlStore) Append(ctx context.Context, run *Run) (*RunInfo, error) {
	p, err := prepare(run)
	if err != nil {
		return nil, err
	}
	// Find the blobs the store already holds, and compress the others,
	// before taking the write lock: other writers wait only for the inserts.
	want := map[string]bool{}
	for _, sum := range p.needs {
		want[sum] = true
	}
	for _, b := range p.blobs {
		want[b.SHA256] = true
	}
	have, err := s.existingBlobs(ctx, s.db, want)
	if err != nil {
		return nil, s.wrap("reading", err)
	}
	given := map[string]bool{}
	var toWrite []preparedBlob
	for _, b := range p.blobs {
		given[b.SHA256] = true
		if have[b.SHA256] {
			continue
		}
		if b.compressed, err = compress(b.Data); err != nil {
			return nil, fmt.Errorf("compressing blob %s: %v", b.SHA256, err)
		}
		toWrite = append(toWrite, b)
	}
	for _, sum := range p.needs {
		if !given[sum] && !have[sum] {
			return nil, fmt.Errorf("run %s: its records need blob %s, which the run does not carry and the store does not hold", p.header.ID, sum)
		}
	}

	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, s.wrap("writing to", err)
	}
	defer tx.Rollback()
	var head Head
	if err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM socle_head WHERE id = 1`+s.d.lockHead).Scan(&head.Seq, &head.Hash); err != nil {
		return nil, s.wrap("reading the head of", err)
	}
	var existing int64
	switch err := tx.QueryRowContext(ctx, s.q(`SELECT seq FROM socle_runs WHERE id = ?`), p.header.ID).Scan(&existing); {
	case err == nil:
		return nil, fmt.Errorf("run %s is already in the store (run #%d); a run is recorded once", p.header.ID, existing)
	case !errors.Is(err, sql.ErrNoRows):
		return nil, s.wrap("reading", err)
	}
	shardIndex, shardCount := shardColumns(p.header)
	if err := s.checkGroup(ctx, tx, p.header); err != nil {
		return nil, err
	}
	info := &RunInfo{
		Seq:        head.Seq + 1,
		PrevHash:   head.Hash,
		Hash:       RunHash(head.Hash, p.headerJSON, p.recordHashes),
		Header:     p.header,
		RecordedAt: time.Now().UTC(),
	}
	for _, b := range toWrite {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO socle_blobs (sha256, kind, size, encoding, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`),
			b.SHA256, b.Kind, len(b.Data), encodingZstd, b.compressed); err != nil {
			return nil, s.wrap("writing a blob to", err)
		}
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO socle_runs (seq, id, as_of, started_at, records, header, prev_hash, hash, recorded_at, run_group, shard_index, shard_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		info.Seq, p.header.ID, formatTime(p.header.AsOf), formatTime(p.header.StartedAt), len(p.records), p.headerJSON, info.PrevHash, info.Hash, formatTime(info.RecordedAt), p.header.RunGroup, shardIndex, shardCount); err != nil {
		return nil, s.wrap("writing the run to", err)
	}
	if len(p.records) > 0 {
		stmt, err := tx.PrepareContext(ctx, s.q(`INSERT INTO socle_records (run_id, idx, sha256, body, as_of, control, control_ref, objective, objective_ref, target, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`))
		if err != nil {
			return nil, s.wrap("writing records to", err)
		}
		defer stmt.Close()
		for _, r := range p.records {
			i := r.info
			if _, err := stmt.ExecContext(ctx, i.RunID, i.Index, i.SHA256, r.body, formatTime(i.AsOf), i.Control, i.ControlRef, i.Objective, i.ObjectiveRef, i.Target, string(i.Status)); err != nil {
				return nil, s.wrap("writing record "+i.ID+" to", err)
			}
			info.Counts = countStatus(info.Counts, i.Status)
		}
	}
	res, err := tx.ExecContext(ctx, s.q(`UPDATE socle_head SET seq = ?, hash = ? WHERE id = 1 AND seq = ? AND hash = ?`), info.Seq, info.Hash, head.Seq, head.Hash)
	if err != nil {
		return nil, s.wrap("moving the head of", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		// Cannot happen while writers serialize on the head; refuse rather
		// than fork the chain if it ever does.
		return nil, fmt.Errorf("the head of %s moved while run %s was being appended; nothing was recorded, try again", s.loc.Display, p.header.ID)
	}
	if err := tx.Commit(); err != nil {
		return nil, s.wrap("committing to", err)
	}
	return info, nil
}

// checkGroup refuses a shard of a run group that the store cannot take: its
// shard already recorded (a run records each shard once: a retried job must
// not record it twice), or the group recorded with another shard count or
// policy hash (not one run). It runs under the head's lock, so two writers
// cannot both pass it.
func (s *sqlStore) checkGroup(ctx context.Context, tx *sql.Tx, h Header) error {
	if h.RunGroup == "" || h.Shard == nil {
		return nil
	}
	rows, err := tx.QueryContext(ctx, s.q(`SELECT seq, id, shard_index, shard_count, header FROM socle_runs WHERE run_group = ? AND shard_count > 0 ORDER BY seq`), h.RunGroup)
	if err != nil {
		return s.wrap("reading", err)
	}
	defer rows.Close()
	for rows.Next() {
		var seq int64
		var id string
		var index, count int
		var header []byte
		if err := rows.Scan(&seq, &id, &index, &count, &header); err != nil {
			return s.wrap("reading", err)
		}
		var other Header
		_ = json.Unmarshal(header, &other) // a header that does not parse is for Verify to report
		switch {
		case index == h.Shard.Index:
			return fmt.Errorf("shard %s of run group %q is already recorded (run #%d, %s); nothing was recorded: a run records each shard once, and a new run needs a new --run-group", h.Shard, h.RunGroup, seq, id)
		case count != h.Shard.Count:
			return fmt.Errorf("run group %q was recorded in %d shards (run #%d, %s), and this run is shard %s; nothing was recorded: the shards of one run share the count, and a new run needs a new --run-group", h.RunGroup, count, seq, id, h.Shard)
		case other.PolicySHA256 != "" && other.PolicySHA256 != h.PolicySHA256:
			return fmt.Errorf("run group %q was recorded with policies %s (run #%d, %s), and this run's policies are %s; nothing was recorded: the shards of one run evaluate the same policies, and a new run needs a new --run-group", h.RunGroup, short(other.PolicySHA256), seq, id, short(h.PolicySHA256))
		}
	}
	if err := rows.Err(); err != nil {
		return s.wrap("reading", err)
	}
	return nil
}

func short(sum string) string {
	if len(sum) > 12 {
		return sum[:12]
	}
	return sum
}

// shardColumns are a run's shard_index and shard_count: 0, 0 when it was
// not sharded.
func shardColumns(h Header) (int, int) {
	if h.Shard == nil {
		return 0, 0
	}
	return h.Shard.Index, h.Shard.Count
}

func countStatus(c result.Summary, st result.Status) result.Summary {
	switch st {
	case result.StatusPass:
		c.Pass++
	case result.StatusFail:
		c.Fail++
	case result.StatusError:
		c.Error++
	case result.StatusNotTested:
		c.NotTested++
	}
	return c
}

// existingBlobs tells which of the hashes the store holds.
func (s *sqlStore) existingBlobs(ctx context.Context, q querier, want map[string]bool) (map[string]bool, error) {
	have := map[string]bool{}
	keys := make([]any, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	for len(keys) > 0 {
		n := min(len(keys), 500)
		chunk := keys[:n]
		keys = keys[n:]
		rows, err := q.QueryContext(ctx, s.q(`SELECT sha256 FROM socle_blobs WHERE sha256 IN (?`+strings.Repeat(`, ?`, len(chunk)-1)+`)`), chunk...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return nil, err
			}
			have[k] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return have, nil
}

// wrap describes a database error with the store it happened in.
func (s *sqlStore) wrap(doing string, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s the evidence store %s: %w", doing, s.loc.Display, err)
	}
	return fmt.Errorf("%s the evidence store %s: %v", doing, s.loc.Display, err)
}

func (s *sqlStore) Head(ctx context.Context) (Head, error) {
	return s.head(ctx, s.db)
}

func (s *sqlStore) head(ctx context.Context, q querier) (Head, error) {
	var h Head
	if err := q.QueryRowContext(ctx, `SELECT seq, hash FROM socle_head WHERE id = 1`).Scan(&h.Seq, &h.Hash); err != nil {
		return h, s.wrap("reading the head of", err)
	}
	return h, nil
}

// recordConds are the conditions a filter sets on the records (alias c).
func (s *sqlStore) recordConds(f Filter) ([]string, []any) {
	var conds []string
	var args []any
	if f.Control != "" {
		conds = append(conds, `(c.control = ? OR c.control_ref = ? OR substr(c.control, 1, ?) = ?)`)
		args = append(args, f.Control, f.Control, utf8.RuneCountInString(f.Control)+1, f.Control+"[")
	}
	if f.Objective != "" {
		conds = append(conds, `(c.objective = ? OR c.objective_ref = ?)`)
		args = append(args, f.Objective, f.Objective)
	}
	if f.Status != "" {
		conds = append(conds, `c.status = ?`)
		args = append(args, string(f.Status))
	}
	if f.Target != "" {
		conds = append(conds, `c.target = ?`)
		args = append(args, f.Target)
	}
	if f.RunID != "" {
		conds = append(conds, `c.run_id = ?`)
		args = append(args, f.RunID)
	}
	return conds, args
}

func periodConds(col string, f Filter) ([]string, []any) {
	var conds []string
	var args []any
	if !f.From.IsZero() {
		conds = append(conds, col+` >= ?`)
		args = append(args, formatTime(f.From))
	}
	if !f.To.IsZero() {
		conds = append(conds, col+` < ?`)
		args = append(args, formatTime(f.To))
	}
	return conds, args
}

func (s *sqlStore) Runs(ctx context.Context, f Filter) ([]RunInfo, error) {
	recConds, recArgs := s.recordConds(f)
	join := `c.run_id = r.id`
	if len(recConds) > 0 {
		join += ` AND ` + strings.Join(recConds, ` AND `)
	}
	where, whereArgs := periodConds(`r.as_of`, f)
	if f.RunGroup != "" {
		where = append(where, `r.run_group = ?`)
		whereArgs = append(whereArgs, f.RunGroup)
	}
	query := `SELECT r.seq, r.hash, r.prev_hash, r.header, r.recorded_at,
		COALESCE(SUM(CASE WHEN c.status = 'pass' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN c.status = 'fail' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN c.status = 'error' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN c.status = 'not_tested' THEN 1 ELSE 0 END), 0)
		FROM socle_runs r LEFT JOIN socle_records c ON ` + join
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	query += ` GROUP BY r.seq`
	if len(recConds) > 0 {
		query += ` HAVING COUNT(c.idx) > 0`
	}
	query += ` ORDER BY r.seq`
	rows, err := s.db.QueryContext(ctx, s.q(query), append(recArgs, whereArgs...)...)
	if err != nil {
		return nil, s.wrap("reading", err)
	}
	defer rows.Close()
	var out []RunInfo
	for rows.Next() {
		var ri RunInfo
		var header []byte
		var recordedAt string
		if err := rows.Scan(&ri.Seq, &ri.Hash, &ri.PrevHash, &header, &recordedAt, &ri.Counts.Pass, &ri.Counts.Fail, &ri.Counts.Error, &ri.Counts.NotTested); err != nil {
			return nil, s.wrap("reading", err)
		}
		if err := json.Unmarshal(header, &ri.Header); err != nil {
			return nil, fmt.Errorf("run #%d in %s has a header that is not valid JSON (run socle evidence verify): %v", ri.Seq, s.loc.Display, err)
		}
		ri.RecordedAt, _ = parseTime(recordedAt)
		out = append(out, ri)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("reading", err)
	}
	return out, nil
}

const recordColumns = `c.run_id, c.idx, c.sha256, c.as_of, c.control, c.control_ref, c.objective, c.objective_ref, c.target, c.status`

func scanInfo(sc interface{ Scan(...any) error }, extra ...any) (RecordInfo, error) {
	var i RecordInfo
	var asOf, status string
	dest := append([]any{&i.RunID, &i.Index, &i.SHA256, &asOf, &i.Control, &i.ControlRef, &i.Objective, &i.ObjectiveRef, &i.Target, &status}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return i, err
	}
	i.ID = RecordID(i.RunID, i.Index)
	i.Status = result.Status(status)
	i.AsOf, _ = parseTime(asOf)
	return i, nil
}

func (s *sqlStore) Records(ctx context.Context, f Filter) ([]RecordInfo, error) {
	conds, args := s.recordConds(f)
	pc, pa := periodConds(`c.as_of`, f)
	conds = append(conds, pc...)
	args = append(args, pa...)
	if f.RunGroup != "" {
		conds = append(conds, `r.run_group = ?`)
		args = append(args, f.RunGroup)
	}
	query := `SELECT ` + recordColumns + ` FROM socle_records c JOIN socle_runs r ON r.id = c.run_id`
	if len(conds) > 0 {
		query += ` WHERE ` + strings.Join(conds, ` AND `)
	}
	query += ` ORDER BY r.seq, c.idx`
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, s.wrap("reading", err)
	}
	defer rows.Close()
	var out []RecordInfo
	for rows.Next() {
		i, err := scanInfo(rows)
		if err != nil {
			return nil, s.wrap("reading", err)
		}
		out = append(out, i)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("reading", err)
	}
	return out, nil
}

func (s *sqlStore) RunRecords(ctx context.Context, runID string) ([]StoredRecord, error) {
	var seq int64
	if err := s.db.QueryRowContext(ctx, s.q(`SELECT seq FROM socle_runs WHERE id = ?`), runID).Scan(&seq); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, notFoundf("no run %q in the evidence store %s", runID, s.loc.Display)
		}
		return nil, s.wrap("reading", err)
	}
	return s.runRecords(ctx, s.db, runID)
}

func (s *sqlStore) runRecords(ctx context.Context, q querier, runID string) ([]StoredRecord, error) {
	rows, err := q.QueryContext(ctx, s.q(`SELECT `+recordColumns+`, c.body FROM socle_records c WHERE c.run_id = ? ORDER BY c.idx`), runID)
	if err != nil {
		return nil, s.wrap("reading", err)
	}
	defer rows.Close()
	var out []StoredRecord
	for rows.Next() {
		var r StoredRecord
		if r.RecordInfo, err = scanInfo(rows, &r.Canonical); err != nil {
			return nil, s.wrap("reading", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("reading", err)
	}
	return out, nil
}

func (s *sqlStore) Record(ctx context.Context, id string) (*StoredRecord, error) {
	runID, index, err := ParseRecordID(id)
	if err != nil {
		return nil, err
	}
	var r StoredRecord
	row := s.db.QueryRowContext(ctx, s.q(`SELECT `+recordColumns+`, c.body FROM socle_records c WHERE c.run_id = ? AND c.idx = ?`), runID, index)
	if r.RecordInfo, err = scanInfo(row, &r.Canonical); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, notFoundf("no record %s in the evidence store %s (socle evidence list --records lists them)", id, s.loc.Display)
		}
		return nil, s.wrap("reading", err)
	}
	return &r, nil
}

func (s *sqlStore) Blob(ctx context.Context, sum string) (*Blob, error) {
	return s.blob(ctx, s.db, sum)
}

// errBlob is a blob that is stored but does not match its hash.
type errBlob struct {
	sum, kind string
	detail    string // what is wrong
	found     string // the hash its content has, when known
}

func (e *errBlob) Error() string {
	return fmt.Sprintf("blob %s (%s) does not match its hash: %s; run socle evidence verify", e.sum, e.kind, e.detail)
}

func (s *sqlStore) blob(ctx context.Context, q querier, sum string) (*Blob, error) {
	var kind, encoding string
	var size int64
	var data []byte
	err := q.QueryRowContext(ctx, s.q(`SELECT kind, size, encoding, data FROM socle_blobs WHERE sha256 = ?`), sum).Scan(&kind, &size, &encoding, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFoundf("no blob %s in the evidence store %s", sum, s.loc.Display)
	}
	if err != nil {
		return nil, s.wrap("reading", err)
	}
	content, err := decompress(encoding, data, size)
	if err != nil {
		return nil, &errBlob{sum: sum, kind: kind, detail: err.Error()}
	}
	b := &Blob{SHA256: sum, Kind: kind, Data: content}
	if err := b.Check(); err != nil {
		eb := &errBlob{sum: sum, kind: kind, detail: err.Error()}
		if kind == BlobInput {
			eb.found = sha256Hex(content)
		}
		return nil, eb
	}
	return b, nil
}
