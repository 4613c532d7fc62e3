// Package store is the evidence store: it keeps evaluation runs, their
// evidence records and the content-addressed blobs the records need to be
// reperformed (input documents and policy module sets), in SQLite (embedded,
// pure Go) or PostgreSQL (shared by many jobs), behind one Store interface.
//
// It owns the store's schema and its versioned migrations, the hash chain that
// links every run to the store's previous head, and verification: Verify
// recomputes every record hash, every run hash and the chain, and checks every
// blob a record needs, reporting the first problem precisely. Writers on one
// database serialize on the head (SQLite: BEGIN IMMEDIATE; PostgreSQL: the head
// row locked FOR UPDATE), so concurrent jobs never lose or fork the chain.
//
// Runs may be signed (sign.go: ed25519, DSSE envelopes of in-toto
// statements, kept in socle_signatures), and a stretch of the chain exported
// to a directory bundle that VerifyBundle checks offline (bundle.go).
//
// Among socle's packages it imports evaluator/evidence, evaluator/canonical and
// evaluator/result only; it knows nothing of the evaluator or the command line.
// docs/evidence-store.md documents the URL, the schema and the chain.
package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/socle-dev/socle/evaluator/evidence"
	"github.com/socle-dev/socle/evaluator/result"
)

// DefaultURL is the store a policy repository uses when nothing names one:
// a SQLite file under the repository's git-ignored .socle directory.
const DefaultURL = "sqlite://.socle/evidence.db"

// Store keeps runs, records and blobs. Implementations are safe for concurrent
// use, and several processes may write one database at once.
type Store interface {
	// Append stores a run atomically, with its records and the blobs they
	// need, and makes it the new head of the chain.
	Append(ctx context.Context, run *Run) (*RunInfo, error)
	// Head is the latest run's position and hash (position 0 and Genesis when
	// the store is empty).
	Head(ctx context.Context) (Head, error)
	// Runs lists the runs, oldest first, that the filter selects: those whose
	// as_of is in the period and that hold at least one record matching the
	// record filters; the counts are of the matching records.
	Runs(ctx context.Context, f Filter) ([]RunInfo, error)
	// Records lists the records the filter selects, without their content,
	// in chain order.
	Records(ctx context.Context, f Filter) ([]RecordInfo, error)
	// RunRecords returns a run's records with their content, in order.
	RunRecords(ctx context.Context, runID string) ([]StoredRecord, error)
	// Record returns one record by its id (RUN_ID/N).
	Record(ctx context.Context, id string) (*StoredRecord, error)
	// Blob returns a blob's content, decompressed and checked against its
	// hash.
	Blob(ctx context.Context, sha256 string) (*Blob, error)
	// AppendSample records a sample selection (socle sample); its ID must
	// be new. Samples are not part of the chain.
	AppendSample(ctx context.Context, s *Sample) error
	// Samples lists the recorded samples the filter selects, oldest first
	// (ErrNotFound when the filter names an ID the store does not hold).
	Samples(ctx context.Context, f SampleFilter) ([]Sample, error)
	// AppendSignature stores the signature of a stored run (replacing any
	// it had). Signatures are not part of the chain.
	AppendSignature(ctx context.Context, sig *Signature) error
	// Signatures lists the stored run signatures, in chain order.
	Signatures(ctx context.Context) ([]Signature, error)
	// Verify recomputes every hash and walks the chain from the first run.
	// Integrity problems are reported in the Report; the error is for a store
	// that could not be read.
	Verify(ctx context.Context) (*Report, error)
	// Location names the store for messages (a password is never shown).
	Location() string
	Close() error
}

// ErrNotFound matches (errors.Is) the errors of lookups that find nothing.
var ErrNotFound = errors.New("not found")

// notFound is a lookup that found nothing, described for the user.
type notFound struct{ msg string }

func (e *notFound) Error() string        { return e.msg }
func (e *notFound) Is(target error) bool { return target == ErrNotFound }

func notFoundf(format string, args ...any) error {
	return &notFound{fmt.Sprintf(format, args...)}
}

// HeaderVersion is the version of the run header's shape.
const HeaderVersion = "1"

// Header describes a run. Its canonical JSON is what the chain hashes.
type Header struct {
	HeaderVersion string            `json:"header_version"`
	ID            string            `json:"id"`
	AsOf          time.Time         `json:"as_of"`
	StartedAt     time.Time         `json:"started_at"`
	DurationMS    int64             `json:"duration_ms"`
	SocleVersion  string            `json:"socle_version"`
	OPAVersion    string            `json:"opa_version"`
	PolicySHA256  string            `json:"policy_sha256"`
	Organization  string            `json:"organization"`
	System        string            `json:"system"`
	Context       map[string]string `json:"context"`
	// RunGroup and Shard say which logical run this one is part of, and
	// which part (socle eval --run-group, --shard I/N); omitted when not
	// given, so that the headers of runs recorded before them hash as
	// they did.
	RunGroup string        `json:"run_group,omitempty"`
	Shard    *result.Shard `json:"shard,omitempty"`
	// Records is the number of records of the run; Append sets it.
	Records int `json:"records"`
}

// Run is what Append stores.
type Run struct {
	Header  Header
	Records []*evidence.Record // in result order; record N of the run is Records[N-1]
	// Blobs are the input documents and policy module sets the records
	// refer to. A blob the store already holds may be left out; a blob no
	// record refers to is stored all the same.
	Blobs []Blob
}

// Head is the end of the chain.
type Head struct {
	Seq  int64  // the latest run's position, 1-based; 0 when the store is empty
	Hash string // the latest run's hash; Genesis when the store is empty
}

// RunInfo is a stored run.
type RunInfo struct {
	Seq        int64 // position in the chain, 1-based
	Hash       string
	PrevHash   string
	Header     Header
	RecordedAt time.Time
	// Counts are of the records the listing's filter matched (every record
	// of the run for Append and an empty filter).
	Counts result.Summary
}

// RecordInfo is a stored record without its content: the columns a listing
// filters on, copied from the record (Verify checks they agree).
type RecordInfo struct {
	ID           string // RUN_ID/N
	RunID        string
	Index        int // 1-based position in the run
	SHA256       string
	AsOf         time.Time
	Control      string // label
	ControlRef   string
	Objective    string // label
	ObjectiveRef string
	Target       string
	Status       result.Status
}

// StoredRecord is a record with its canonical JSON as stored.
type StoredRecord struct {
	RecordInfo
	Canonical []byte
}

// Decode checks the record's canonical JSON against its hash and parses it.
// A record altered in the database is refused, so no report, sample or
// reperformance is built on it.
func (r *StoredRecord) Decode() (*evidence.Record, error) {
	sum := sha256.Sum256(r.Canonical)
	if got := hex.EncodeToString(sum[:]); got != r.SHA256 {
		return nil, fmt.Errorf("record %s does not match its hash (sha256 %s, recorded %s): the store was altered; socle evidence verify shows where", r.ID, got, r.SHA256)
	}
	var rec evidence.Record
	if err := json.Unmarshal(r.Canonical, &rec); err != nil {
		return nil, fmt.Errorf("record %s is not a valid evidence record: %v", r.ID, err)
	}
	return &rec, nil
}

// Filter selects runs and records. Zero fields select everything.
type Filter struct {
	From, To  time.Time     // as_of in [From, To)
	Control   string        // a control label, the label of every instance of a counted control (iam_mfa for iam_mfa[0]), or a ref
	Objective string        // an objective label or ref
	Status    result.Status // pass, fail, not_tested, error
	Target    string        // aws.staging, hr=file.hr,idp=file.idp
	RunID     string        // the records of one run
	RunGroup  string        // the runs (and their records) of one run group
}

// RecordID is the id of record index (1-based) of a run.
func RecordID(runID string, index int) string {
	return runID + "/" + strconv.Itoa(index)
}

// ParseRecordID splits RUN_ID/N.
func ParseRecordID(id string) (runID string, index int, err error) {
	i := strings.LastIndexByte(id, '/')
	if i > 0 {
		n, err := strconv.Atoi(id[i+1:])
		if err == nil && n >= 1 && id[i+1] != '0' && id[i+1] != '+' {
			return id[:i], n, nil
		}
	}
	return "", 0, fmt.Errorf("invalid record id %q: a record id is RUN_ID/N (N counts from 1), as socle evidence list --records prints it", id)
}

// Report is the outcome of Verify.
type Report struct {
	Runs    int // runs checked and found intact
	Records int // records checked and found intact
	Blobs   int // distinct blobs checked and found intact
	Head    Head
	// Problem is the first problem found, nil when the store is intact.
	Problem *Problem
}

// Problem kinds.
const (
	ProblemRecordEdited   = "record_edited"   // a record's bytes do not hash to its stored sha256
	ProblemRecordInvalid  = "record_invalid"  // a record is not a valid record of its run, or its columns disagree with it
	ProblemRecordMissing  = "record_missing"  // a record of a run is gone
	ProblemRecordExtra    = "record_extra"    // a record was added to a run
	ProblemRunEdited      = "run_edited"      // a run's header or record list does not hash to its stored hash
	ProblemRunMissing     = "run_missing"     // a run of the chain is gone
	ProblemChainBroken    = "chain_broken"    // a run does not link to the run before it
	ProblemHeadMismatch   = "head_mismatch"   // the head does not name the last run
	ProblemBlobMissing    = "blob_missing"    // a blob a record needs is gone
	ProblemBlobCorrupt    = "blob_corrupt"    // a blob's content does not match its hash
	ProblemOrphanRecords  = "orphan_records"  // records whose run is gone
	ProblemHeaderMismatch = "header_mismatch" // a run's columns disagree with its header
)

// Problem is one integrity problem, located as precisely as the store allows.
type Problem struct {
	Kind     string
	RunSeq   int64  // the run's position in the chain, when the problem is in a run
	RunID    string // the run, when known
	RecordID string // the record, when the problem is in one
	Blob     string // the blob's sha256, when the problem is in one
	Expected string // what the chain or the hash requires
	Found    string // what the store holds
	Message  string // a complete sentence naming all of the above
}

func (p *Problem) Error() string { return p.Message }

// Open opens (and creates or migrates, as needed) the store a URL names:
// sqlite://PATH, a SQLite file (a relative PATH is relative to baseDir, the
// policy repository; its directory is created), or postgres://… (also
// postgresql://…), a PostgreSQL database as pgx reads the URL.
func Open(ctx context.Context, rawURL, baseDir string) (Store, error) {
	loc, err := ParseURL(rawURL, baseDir)
	if err != nil {
		return nil, err
	}
	switch loc.Backend {
	case BackendSQLite:
		return openSQLite(ctx, loc)
	default:
		return openPostgres(ctx, loc)
	}
}
