package store

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/socle-dev/socle/evaluator/evidence"
)

// An export bundle is a directory that holds a stretch of the chain, the
// records and blobs of its runs and their signatures, checked offline by
// VerifyBundle. docs/evidence-store.md, Export.

// BundleVersion is the version of the bundle's layout.
const BundleVersion = "1"

// Manifest is a bundle's manifest.json.
type Manifest struct {
	BundleVersion string           `json:"bundle_version"`
	CreatedAt     time.Time        `json:"created_at"`
	Store         string           `json:"store"`
	StoreHead     ManifestHead     `json:"store_head"`
	PeriodFrom    string           `json:"period_from,omitempty"` // YYYY-MM-DD, inclusive
	PeriodTo      string           `json:"period_to,omitempty"`   // YYYY-MM-DD, inclusive
	PrevHash      string           `json:"prev_hash"`             // the hash the first exported run links to
	Runs          []ManifestRun    `json:"runs"`
	Blobs         []ManifestBlob   `json:"blobs"`
	Signatures    []ManifestSigned `json:"signatures"`
}

// ManifestHead is the store's head when the bundle was written.
type ManifestHead struct {
	Seq  int64  `json:"seq"`
	Hash string `json:"hash"`
}

// ManifestRun is one exported run.
type ManifestRun struct {
	Seq      int64            `json:"seq"`
	ID       string           `json:"id"`
	Hash     string           `json:"hash"`
	PrevHash string           `json:"prev_hash"`
	File     string           `json:"file"`
	Records  []ManifestRecord `json:"records"`
}

// ManifestRecord is one exported record.
type ManifestRecord struct {
	ID     string `json:"id"`
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
}

// ManifestBlob is one exported blob.
type ManifestBlob struct {
	SHA256 string `json:"sha256"`
	Kind   string `json:"kind"`
	File   string `json:"file"`
}

// ManifestSigned is one exported signature.
type ManifestSigned struct {
	RunSeq int64  `json:"run_seq"`
	RunID  string `json:"run_id"`
	KeyID  string `json:"keyid"`
	File   string `json:"file"`
}

// RunFile is a bundle's runs/<run id>.json: Header is the run header's
// canonical JSON exactly as the chain hashes it.
type RunFile struct {
	Seq          int64           `json:"seq"`
	Header       json.RawMessage `json:"header"`
	PrevHash     string          `json:"prev_hash"`
	Hash         string          `json:"hash"`
	RecordSHA256 []string        `json:"record_sha256"`
}

// ExportOptions select what Export writes.
type ExportOptions struct {
	// From, To select runs as of [From, To) (zero: open). The bundle holds
	// every run of the chain from the first selected run to the last, so its
	// links can all be checked.
	From, To time.Time
	// PeriodFrom, PeriodTo are written to the manifest as given.
	PeriodFrom, PeriodTo string
}

// ExportSummary says what Export wrote.
type ExportSummary struct {
	Runs, Records, Blobs, Signatures int
}

// safeName tells whether a run id can name a file of the bundle.
func safeName(id string) bool {
	return id != "" && id != "." && id != ".." && !strings.ContainsAny(id, `/\`+"\x00")
}

// Export writes the bundle to dir, which must not exist: into a temporary
// directory beside it, renamed into place once whole.
func Export(ctx context.Context, s Store, dir string, o ExportOptions) (*ExportSummary, error) {
	if _, err := os.Lstat(dir); err == nil {
		return nil, fmt.Errorf("%s already exists: export writes a new directory", dir)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	head, err := s.Head(ctx)
	if err != nil {
		return nil, err
	}
	all, err := s.Runs(ctx, Filter{})
	if err != nil {
		return nil, err
	}
	sel, err := s.Runs(ctx, Filter{From: o.From, To: o.To})
	if err != nil {
		return nil, err
	}
	if len(sel) == 0 {
		return nil, fmt.Errorf("no runs in %s for that period: nothing to export", s.Location())
	}
	lo, hi := sel[0].Seq, sel[len(sel)-1].Seq
	var runs []RunInfo
	for _, r := range all {
		if r.Seq >= lo && r.Seq <= hi {
			runs = append(runs, r)
		}
	}
	sigs, err := s.Signatures(ctx)
	if err != nil {
		return nil, err
	}
	sigBySeq := map[int64]Signature{}
	for _, sg := range sigs {
		sigBySeq[sg.RunSeq] = sg
	}

	parent := filepath.Dir(filepath.Clean(dir))
	tmp, err := os.MkdirTemp(parent, ".socle-export-*")
	if err != nil {
		return nil, err
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(tmp)
		}
	}()
	write := func(rel string, data []byte) error {
		p := filepath.Join(tmp, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	}
	m := &Manifest{BundleVersion: BundleVersion, CreatedAt: time.Now().UTC().Truncate(time.Second), Store: s.Location(),
		StoreHead: ManifestHead{Seq: head.Seq, Hash: head.Hash}, PeriodFrom: o.PeriodFrom, PeriodTo: o.PeriodTo,
		PrevHash: runs[0].PrevHash, Runs: []ManifestRun{}, Blobs: []ManifestBlob{}, Signatures: []ManifestSigned{}}
	sum := &ExportSummary{}
	needs := map[string]string{}
	for _, ri := range runs {
		id := ri.Header.ID
		if !safeName(id) {
			return nil, fmt.Errorf("run #%d has the id %q, which cannot name a file of the bundle", ri.Seq, id)
		}
		header, err := runHeader(ctx, s, &ri)
		if err != nil {
			return nil, err
		}
		recs, err := s.RunRecords(ctx, id)
		if err != nil {
			return nil, err
		}
		mr := ManifestRun{Seq: ri.Seq, ID: id, Hash: ri.Hash, PrevHash: ri.PrevHash, File: "runs/" + id + ".json", Records: []ManifestRecord{}}
		rf := RunFile{Seq: ri.Seq, Header: header, PrevHash: ri.PrevHash, Hash: ri.Hash, RecordSHA256: []string{}}
		for _, rec := range recs {
			r, err := rec.Decode()
			if err != nil {
				return nil, err
			}
			for _, in := range r.InputSHA256 {
				needs[in] = BlobInput
			}
			if r.Policy.SHA256 != "" {
				needs[r.Policy.SHA256] = BlobPolicy
			}
			file := "records/" + id + "/" + strconv.Itoa(rec.Index) + ".json"
			if err := write(file, rec.Canonical); err != nil {
				return nil, err
			}
			mr.Records = append(mr.Records, ManifestRecord{ID: rec.ID, File: file, SHA256: rec.SHA256})
			rf.RecordSHA256 = append(rf.RecordSHA256, rec.SHA256)
		}
		if got := RunHash(ri.PrevHash, header, rf.RecordSHA256); got != ri.Hash {
			return nil, fmt.Errorf("run #%d %s does not match its stored hash: the store is not intact (socle evidence verify shows where)", ri.Seq, id)
		}
		b, err := compactJSON(rf)
		if err != nil {
			return nil, err
		}
		if err := write(mr.File, b); err != nil {
			return nil, err
		}
		if sg, ok := sigBySeq[ri.Seq]; ok {
			file := "signatures/" + id + ".dsse.json"
			if err := write(file, sg.Envelope); err != nil {
				return nil, err
			}
			m.Signatures = append(m.Signatures, ManifestSigned{RunSeq: ri.Seq, RunID: id, KeyID: sg.KeyID, File: file})
			sum.Signatures++
		}
		m.Runs = append(m.Runs, mr)
		sum.Runs++
		sum.Records += len(recs)
	}
	for _, h := range slices.Sorted(maps.Keys(needs)) {
		b, err := s.Blob(ctx, h)
		if err != nil {
			return nil, err
		}
		file := "blobs/" + h + ".json"
		if err := write(file, b.Data); err != nil {
			return nil, err
		}
		m.Blobs = append(m.Blobs, ManifestBlob{SHA256: h, Kind: b.Kind, File: file})
		sum.Blobs++
	}
	mb, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := write("manifest.json", append(mb, '\n')); err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp, dir); err != nil {
		return nil, err
	}
	done = true
	return sum, nil
}

// runHeader is a run's header exactly as stored (re-encoded canonically from
// the parsed header for a Store that cannot give the stored bytes).
func runHeader(ctx context.Context, s Store, ri *RunInfo) ([]byte, error) {
	if ss, ok := s.(*sqlStore); ok {
		var header []byte
		if err := ss.db.QueryRowContext(ctx, ss.q(`SELECT header FROM socle_runs WHERE seq = ?`), ri.Seq).Scan(&header); err != nil {
			return nil, ss.wrap("reading", err)
		}
		return header, nil
	}
	return evidence.Canonicalize(ri.Header)
}

func compactJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// BundleReport is the outcome of VerifyBundle.
type BundleReport struct {
	Runs, Records, Blobs, Signatures int // checked and intact
	Unsigned                         []string
	Head                             ManifestHead // the last exported run
	Problem                          *Problem
}

// VerifyBundle checks a bundle offline: every record, run and blob hash, the
// chain links inside it (the first run links to the manifest's prev_hash),
// and, when pub is given, every signature. Integrity problems are reported
// in the report's Problem; the error is for a bundle that cannot be read at
// all (no manifest).
func VerifyBundle(dir string, pub ed25519.PublicKey) (*BundleReport, error) {
	mb, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, fmt.Errorf("%s is not an evidence bundle: %v", dir, err)
	}
	var m Manifest
	if err := json.Unmarshal(mb, &m); err != nil {
		return nil, fmt.Errorf("%s/manifest.json is not valid JSON: %v", dir, err)
	}
	if m.BundleVersion != BundleVersion {
		return nil, fmt.Errorf("%s/manifest.json is of bundle version %q; this socle reads version %s", dir, m.BundleVersion, BundleVersion)
	}
	rep := &BundleReport{}
	fail := func(p Problem) (*BundleReport, error) {
		rep.Problem = &p
		return rep, nil
	}
	read := func(rel string) ([]byte, error) {
		if rel == "" || strings.Contains(rel, "..") || filepath.IsAbs(rel) {
			return nil, fmt.Errorf("the manifest names the file %q, outside the bundle", rel)
		}
		return os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	}
	if len(m.Runs) == 0 {
		return fail(Problem{Kind: ProblemRunMissing, Message: "the bundle's manifest lists no runs."})
	}
	prev := m.PrevHash
	needs := map[string]string{}
	var runs []RunInfo
	for _, mr := range m.Runs {
		b, err := read(mr.File)
		if err != nil {
			return fail(Problem{Kind: ProblemRunMissing, RunSeq: mr.Seq, RunID: mr.ID, Message: fmt.Sprintf("run #%d %s: its file %s cannot be read: %v.", mr.Seq, mr.ID, mr.File, err)})
		}
		var rf RunFile
		if err := json.Unmarshal(b, &rf); err != nil {
			return fail(Problem{Kind: ProblemRunEdited, RunSeq: mr.Seq, RunID: mr.ID, Message: fmt.Sprintf("run #%d %s: its file %s is not valid JSON: %v.", mr.Seq, mr.ID, mr.File, err)})
		}
		var h Header
		if err := json.Unmarshal(rf.Header, &h); err != nil || h.ID != mr.ID {
			return fail(Problem{Kind: ProblemRunEdited, RunSeq: mr.Seq, RunID: mr.ID, Message: fmt.Sprintf("run #%d %s: its file %s does not hold the run's header.", mr.Seq, mr.ID, mr.File)})
		}
		if rf.PrevHash != prev || mr.PrevHash != prev {
			return fail(Problem{Kind: ProblemChainBroken, RunSeq: mr.Seq, RunID: mr.ID, Expected: prev, Found: rf.PrevHash,
				Message: fmt.Sprintf("run #%d %s does not link to the run before it in the bundle: it links to %s, the chain requires %s.", mr.Seq, mr.ID, rf.PrevHash, prev)})
		}
		if len(mr.Records) != h.Records {
			return fail(Problem{Kind: ProblemRecordMissing, RunSeq: mr.Seq, RunID: mr.ID, Expected: strconv.Itoa(h.Records), Found: strconv.Itoa(len(mr.Records)),
				Message: fmt.Sprintf("run #%d %s has %d records, the bundle lists %d.", mr.Seq, mr.ID, h.Records, len(mr.Records))})
		}
		var hashes []string
		for i, rec := range mr.Records {
			want := RecordID(mr.ID, i+1)
			body, err := read(rec.File)
			if err != nil {
				return fail(Problem{Kind: ProblemRecordMissing, RunSeq: mr.Seq, RunID: mr.ID, RecordID: want, Message: fmt.Sprintf("record %s: its file %s cannot be read: %v.", want, rec.File, err)})
			}
			got := sha256Hex(body)
			if rec.ID != want || got != rec.SHA256 {
				return fail(Problem{Kind: ProblemRecordEdited, RunSeq: mr.Seq, RunID: mr.ID, RecordID: want, Expected: rec.SHA256, Found: got,
					Message: fmt.Sprintf("record %s (%s) was edited: it hashes to %s, the manifest records %s.", want, rec.File, got, rec.SHA256)})
			}
			var r evidence.Record
			if err := json.Unmarshal(body, &r); err != nil || r.RunID != mr.ID {
				return fail(Problem{Kind: ProblemRecordInvalid, RunSeq: mr.Seq, RunID: mr.ID, RecordID: want, Message: fmt.Sprintf("record %s (%s) is not a record of run %s.", want, rec.File, mr.ID)})
			}
			for _, in := range r.InputSHA256 {
				needs[in] = BlobInput
			}
			if r.Policy.SHA256 != "" {
				needs[r.Policy.SHA256] = BlobPolicy
			}
			hashes = append(hashes, got)
		}
		if got := RunHash(prev, rf.Header, hashes); got != mr.Hash || rf.Hash != mr.Hash {
			return fail(Problem{Kind: ProblemRunEdited, RunSeq: mr.Seq, RunID: mr.ID, Expected: mr.Hash, Found: got,
				Message: fmt.Sprintf("run #%d %s (%s) does not match its hash: its header and records hash to %s, the manifest records %s.", mr.Seq, mr.ID, mr.File, got, mr.Hash)})
		}
		runs = append(runs, RunInfo{Seq: mr.Seq, Hash: mr.Hash, PrevHash: prev, Header: h})
		prev = mr.Hash
		rep.Runs++
		rep.Records += len(mr.Records)
		rep.Head = ManifestHead{Seq: mr.Seq, Hash: mr.Hash}
	}
	listed := map[string]ManifestBlob{}
	for _, mb := range m.Blobs {
		listed[mb.SHA256] = mb
	}
	for _, h := range slices.Sorted(maps.Keys(needs)) {
		mb, ok := listed[h]
		if !ok {
			return fail(Problem{Kind: ProblemBlobMissing, Blob: h, Message: fmt.Sprintf("blob %s, which a record needs, is not in the bundle's manifest.", h)})
		}
		data, err := read(mb.File)
		if err != nil {
			return fail(Problem{Kind: ProblemBlobMissing, Blob: h, Message: fmt.Sprintf("blob %s: its file %s cannot be read: %v.", h, mb.File, err)})
		}
		b := Blob{SHA256: h, Kind: needs[h], Data: data}
		if err := b.Check(); err != nil {
			return fail(Problem{Kind: ProblemBlobCorrupt, Blob: h, Message: fmt.Sprintf("blob %s (%s) does not match its hash: %v.", h, mb.File, err)})
		}
		rep.Blobs++
	}
	if pub == nil {
		return rep, nil
	}
	var sigs []Signature
	for _, ms := range m.Signatures {
		env, err := read(ms.File)
		if err != nil {
			return fail(Problem{Kind: ProblemSignatureBad, RunSeq: ms.RunSeq, RunID: ms.RunID, Message: fmt.Sprintf("the signature of run #%d %s: its file %s cannot be read: %v.", ms.RunSeq, ms.RunID, ms.File, err)})
		}
		sigs = append(sigs, Signature{RunSeq: ms.RunSeq, RunID: ms.RunID, KeyID: ms.KeyID, Envelope: env})
	}
	unsigned, p := CheckSignatures(runs, sigs, pub)
	rep.Unsigned = unsigned
	if p != nil {
		return fail(*p)
	}
	rep.Signatures = len(runs) - len(unsigned)
	return rep, nil
}
