package store

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/socle-dev/socle/evaluator/evidence"
	"github.com/socle-dev/socle/evaluator/result"
)

// FromDocument builds the run to append from a result document evaluated with
// its inputs kept (doc.Used): the header from doc.Run, one record per result,
// and a blob per input document and per policy package.
func FromDocument(doc *result.Document) (*Run, error) {
	if doc.Used == nil {
		return nil, fmt.Errorf("the run %s kept no inputs, so its records could not be reperformed: evaluate with KeepInputs to record it", doc.Run.ID)
	}
	run := &Run{
		Header:  HeaderOf(doc.Run),
		Records: evidence.FromDocument(doc),
	}
	for _, sum := range slices.Sorted(maps.Keys(doc.Used.Inputs)) {
		b := InputBlob(doc.Used.Inputs[sum])
		if b.SHA256 != sum {
			return nil, fmt.Errorf("the input document kept as %s hashes to %s", sum, b.SHA256)
		}
		run.Blobs = append(run.Blobs, b)
	}
	for _, sum := range slices.Sorted(maps.Keys(doc.Used.Policies)) {
		b, err := PolicyBlob(doc.Used.Policies[sum])
		if err != nil {
			return nil, err
		}
		if b.SHA256 != sum {
			return nil, fmt.Errorf("the policy modules kept as %s hash to %s", sum, b.SHA256)
		}
		run.Blobs = append(run.Blobs, b)
	}
	return run, nil
}

// HeaderOf is the header of a run as the result document describes it.
func HeaderOf(r result.Run) Header {
	ctx := map[string]string{}
	maps.Copy(ctx, r.Context)
	return Header{
		HeaderVersion: HeaderVersion,
		ID:            r.ID,
		AsOf:          r.AsOf.UTC(),
		StartedAt:     r.StartedAt.UTC(),
		DurationMS:    r.DurationMS,
		SocleVersion:  r.SocleVersion,
		OPAVersion:    r.OPAVersion,
		PolicySHA256:  r.PolicySHA256,
		Organization:  r.Organization,
		System:        r.System,
		Context:       ctx,
		RunGroup:      r.RunGroup,
		Shard:         r.Shard,
	}
}

// prepared is a run ready to write: every byte and hash computed, every blob
// given checked (Append compresses those the store does not hold yet).
type prepared struct {
	header       Header
	headerJSON   []byte
	records      []preparedRecord
	recordHashes []string
	blobs        []preparedBlob
	needs        []string // every blob sha256 the records refer to, sorted
}

type preparedRecord struct {
	info RecordInfo
	body []byte
}

type preparedBlob struct {
	Blob
	compressed []byte
}

// prepare checks a run and computes what Append writes: the canonical header,
// each record's canonical JSON and hash, the blobs given (each checked against
// its hash) and the blobs the records need.
func prepare(run *Run) (*prepared, error) {
	h := run.Header
	if h.ID == "" {
		return nil, fmt.Errorf("the run has no id")
	}
	if h.AsOf.IsZero() {
		return nil, fmt.Errorf("run %s has no as_of time", h.ID)
	}
	h.HeaderVersion = HeaderVersion
	h.AsOf = h.AsOf.UTC()
	h.StartedAt = h.StartedAt.UTC()
	h.Records = len(run.Records)
	if h.Context == nil {
		h.Context = map[string]string{}
	}
	headerJSON, err := evidence.Canonicalize(h)
	if err != nil {
		return nil, fmt.Errorf("run %s: encoding its header: %v", h.ID, err)
	}
	p := &prepared{header: h, headerJSON: headerJSON}
	needs := map[string]string{} // sha256 → kind
	// A manual control's record (no policy) names its evidence files as
	// inputs: their bytes are whatever the files hold, not JSON.
	raw := map[string]bool{}
	for i, rec := range run.Records {
		id := RecordID(h.ID, i+1)
		if rec.RunID != h.ID {
			return nil, fmt.Errorf("record %s belongs to run %q, not to run %s", id, rec.RunID, h.ID)
		}
		if !rec.AsOf.Equal(h.AsOf) {
			return nil, fmt.Errorf("record %s is as of %s, its run as of %s", id, rec.AsOf.UTC().Format(timeLayout), h.AsOf.Format(timeLayout))
		}
		body, err := rec.Canonical()
		if err != nil {
			return nil, fmt.Errorf("record %s: encoding it: %v", id, err)
		}
		sum := sha256Hex(body)
		p.records = append(p.records, preparedRecord{info: infoOf(id, h.ID, i+1, sum, rec), body: body})
		p.recordHashes = append(p.recordHashes, sum)
		for key, in := range rec.InputSHA256 {
			if !isHash(in) {
				return nil, fmt.Errorf("record %s: input %q has no valid sha256 (%q)", id, key, in)
			}
			needs[in] = BlobInput
			if slices.ContainsFunc(rec.Evidence, func(e result.EvidenceFile) bool { return e.File == key && e.SHA256 == in }) {
				raw[in] = true
			}
		}
		if rec.Policy.SHA256 != "" {
			if !isHash(rec.Policy.SHA256) {
				return nil, fmt.Errorf("record %s: policy %s has no valid sha256 (%q)", id, rec.Policy.Package, rec.Policy.SHA256)
			}
			needs[rec.Policy.SHA256] = BlobPolicy
		}
	}
	seen := map[string]bool{}
	for _, b := range run.Blobs {
		if seen[b.SHA256] {
			continue
		}
		seen[b.SHA256] = true
		if kind, ok := needs[b.SHA256]; ok && kind != b.Kind {
			return nil, fmt.Errorf("run %s: blob %s is given as %s, but its records use it as %s", h.ID, b.SHA256, b.Kind, kind)
		}
		if err := b.Check(); err != nil {
			return nil, fmt.Errorf("run %s: blob %s (%s) does not match its hash: %v", h.ID, b.SHA256, b.Kind, err)
		}
		if b.Kind == BlobInput && !raw[b.SHA256] && !json.Valid(b.Data) {
			return nil, fmt.Errorf("run %s: input blob %s is not JSON", h.ID, b.SHA256)
		}
		p.blobs = append(p.blobs, preparedBlob{Blob: b})
	}
	p.needs = slices.Sorted(maps.Keys(needs))
	return p, nil
}

func infoOf(id, runID string, index int, sum string, rec *evidence.Record) RecordInfo {
	return RecordInfo{
		ID:           id,
		RunID:        runID,
		Index:        index,
		SHA256:       sum,
		AsOf:         rec.AsOf.UTC(),
		Control:      rec.Control.Label,
		ControlRef:   rec.Control.Ref,
		Objective:    rec.Objective.Label,
		ObjectiveRef: rec.Objective.Ref,
		Target:       rec.Target.Name,
		Status:       rec.Status,
	}
}
