package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// migration is one version of the schema. Both backends have the same tables
// and columns; only the column types differ ({{blob}}, {{int}}). A migration is
// applied once, in a transaction, and recorded in socle_migrations.
type migration struct {
	version int
	name    string
	stmts   []string
}

// migrations, oldest first. Never edit one that has shipped: add the next.
var migrations = []migration{
	{1, "runs, records, blobs and the chain head", []string{
		// One row per run, in chain order: seq is its position (1, 2, …),
		// prev_hash the hash of the run before it (Genesis for the first),
		// hash = RunHash(prev_hash, header, record hashes). header is the
		// run header's canonical JSON; the other columns copy it for queries.
		`CREATE TABLE socle_runs (
			seq         {{int}} PRIMARY KEY,
			id          TEXT NOT NULL UNIQUE,
			as_of       TEXT NOT NULL,
			started_at  TEXT NOT NULL,
			records     {{int}} NOT NULL,
			header      {{blob}} NOT NULL,
			prev_hash   TEXT NOT NULL UNIQUE,
			hash        TEXT NOT NULL UNIQUE,
			recorded_at TEXT NOT NULL
		)`,
		`CREATE INDEX socle_runs_as_of ON socle_runs (as_of)`,
		// One row per record: body is the record's canonical JSON, sha256 its
		// hash; the other columns copy the record for queries (Verify checks
		// they agree with it).
		`CREATE TABLE socle_records (
			run_id        TEXT NOT NULL REFERENCES socle_runs (id),
			idx           {{int}} NOT NULL,
			sha256        TEXT NOT NULL,
			body          {{blob}} NOT NULL,
			as_of         TEXT NOT NULL,
			control       TEXT NOT NULL,
			control_ref   TEXT NOT NULL,
			objective     TEXT NOT NULL,
			objective_ref TEXT NOT NULL,
			target        TEXT NOT NULL,
			status        TEXT NOT NULL,
			PRIMARY KEY (run_id, idx)
		)`,
		`CREATE INDEX socle_records_control ON socle_records (control, as_of)`,
		`CREATE INDEX socle_records_as_of ON socle_records (as_of)`,
		// Content-addressed blobs, stored once: kind input (keyed by the
		// sha256 of the document's canonical JSON) or policy (keyed by the
		// package's policy sha256); data is the content compressed with
		// encoding, size its length uncompressed.
		`CREATE TABLE socle_blobs (
			sha256   TEXT PRIMARY KEY,
			kind     TEXT NOT NULL,
			size     {{int}} NOT NULL,
			encoding TEXT NOT NULL,
			data     {{blob}} NOT NULL
		)`,
		// The chain head: one row, the latest run's seq and hash. Writers
		// serialize on it.
		`CREATE TABLE socle_head (
			id   {{int}} PRIMARY KEY CHECK (id = 1),
			seq  {{int}} NOT NULL,
			hash TEXT NOT NULL
		)`,
		`INSERT INTO socle_head (id, seq, hash) VALUES (1, 0, '` + Genesis + `')`,
	}},
	{2, "sample selections", []string{
		// One row per sample socle sample drew: body is the Sample's JSON
		// (seed, population, selection, …); the other columns copy it for
		// queries. Samples are not part of the chain.
		`CREATE TABLE socle_samples (
			id          TEXT PRIMARY KEY,
			created_at  TEXT NOT NULL,
			control     TEXT NOT NULL,
			control_ref TEXT NOT NULL,
			target      TEXT NOT NULL,
			period_from TEXT NOT NULL,
			period_to   TEXT NOT NULL,
			seed        TEXT NOT NULL,
			size        {{int}} NOT NULL,
			population  {{int}} NOT NULL,
			selected    {{int}} NOT NULL,
			body        {{blob}} NOT NULL
		)`,
		`CREATE INDEX socle_samples_control ON socle_samples (control, created_at)`,
	}},
	{3, "run signatures", []string{
		// One row per signed run (socle eval --record --sign-key): envelope
		// is the DSSE envelope (JSON) of an in-toto statement naming the
		// run's hash, keyid the hex sha256 of the signing public key's DER.
		// Signatures are checked with a public key (socle evidence verify
		// --pub-key); the chain does not include them.
		`CREATE TABLE socle_signatures (
			run_seq   {{int}} PRIMARY KEY REFERENCES socle_runs (seq),
			run_id    TEXT NOT NULL,
			keyid     TEXT NOT NULL,
			envelope  {{blob}} NOT NULL,
			signed_at TEXT NOT NULL
		)`,
	}},
	{4, "run groups and shards", []string{
		// The run group and the shard (socle eval --run-group, --shard I/N)
		// of each run, copied from its header for queries: '' and 0/0 for a
		// run that was not sharded. Verify checks they agree with the header.
		`ALTER TABLE socle_runs ADD COLUMN run_group TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE socle_runs ADD COLUMN shard_index {{int}} NOT NULL DEFAULT 0`,
		`ALTER TABLE socle_runs ADD COLUMN shard_count {{int}} NOT NULL DEFAULT 0`,
		`CREATE INDEX socle_runs_run_group ON socle_runs (run_group, shard_index)`,
	}},
	{5, "a shard of a run group is recorded once", []string{
		// Append refuses a second run for a shard of a group, with a
		// message; the index makes it hold whatever writes the table.
		`CREATE UNIQUE INDEX socle_runs_group_shard ON socle_runs (run_group, shard_index) WHERE run_group <> '' AND shard_count > 0`,
	}},
}

// schemaVersion is the version the store's code reads and writes.
var schemaVersion = migrations[len(migrations)-1].version

// migrate brings the schema to schemaVersion. It is cheap when the schema is
// current (one query), and safe when several processes open a new store at
// once: the migrating transaction holds the write lock (SQLite) or an
// advisory lock (PostgreSQL) while it checks and applies.
func (s *sqlStore) migrate(ctx context.Context) error {
	var v int
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM socle_migrations`).Scan(&v); err == nil && v == schemaVersion {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if s.d.migrationLock != "" {
		if _, err := tx.ExecContext(ctx, s.d.migrationLock); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, s.d.types(`CREATE TABLE IF NOT EXISTS socle_migrations (
		version    {{int}} PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL
	)`)); err != nil {
		return err
	}
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM socle_migrations`).Scan(&v); err != nil {
		return err
	}
	if v > schemaVersion {
		return fmt.Errorf("its schema is version %d, written by a newer socle (this one knows versions up to %d): upgrade socle", v, schemaVersion)
	}
	for _, m := range migrations {
		if m.version <= v {
			continue
		}
		for _, stmt := range m.stmts {
			if _, err := tx.ExecContext(ctx, s.d.types(stmt)); err != nil {
				return fmt.Errorf("migration %d (%s): %v", m.version, m.name, err)
			}
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO socle_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
			m.version, m.name, formatTime(time.Now())); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// types writes a statement's column types for the dialect.
func (d *dialect) types(stmt string) string {
	return strings.NewReplacer("{{int}}", d.intType, "{{blob}}", d.blobType).Replace(stmt)
}
