// Package evidence defines the evidence record: one per (control, target) of a
// run, the unit an auditor samples and reperforms. A record is canonical JSON
// and hashed, so a store can chain records and anyone can check that a record
// was not edited.
//
// It imports evaluator/result only; storing records is another package's job.
package evidence

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/socle-dev/socle/evaluator/canonical"
	"github.com/socle-dev/socle/evaluator/result"
)

// RecordVersion is the version of the record's shape.
const RecordVersion = "1"

// Verdicts of one resource of the population.
const (
	VerdictPass   = "pass"
	VerdictFail   = "fail"
	VerdictWaived = "waived"
)

// Record is the evidence of one control evaluated on one target.
type Record struct {
	RecordVersion string            `json:"record_version"`
	RunID         string            `json:"run_id"`
	AsOf          time.Time         `json:"as_of"`
	StartedAt     time.Time         `json:"started_at"`
	DurationMS    int64             `json:"duration_ms"`
	Control       Control           `json:"control"`
	Objective     Objective         `json:"objective"`
	COSO          []int             `json:"coso"`
	Target        Target            `json:"target"`
	Status        result.Status     `json:"status"`
	Population    *int              `json:"population"`
	Verdicts      []Verdict         `json:"verdicts"`        // one per resource of the population, sorted
	TargetWide    []result.Finding  `json:"target_findings"` // findings about the target as a whole
	Warnings      []result.Finding  `json:"warnings"`
	Waivers       []result.Waiver   `json:"waivers_applied"`
	Error         *string           `json:"error"`
	InputSHA256   map[string]string `json:"input_sha256"`
	Policy        result.Policy     `json:"policy"`
	// Evidence are a manual control's evidence files (automated = false):
	// each is also an input, keyed by its path, whose blob is the file's
	// bytes. Omitted for automated controls, so their records are unchanged.
	Evidence     []result.EvidenceFile `json:"evidence,omitempty"`
	SocleVersion string                `json:"socle_version"`
	OPAVersion   string                `json:"opa_version"`
	Context      map[string]string     `json:"context"`
}

// Control identifies the control.
type Control struct {
	Label     string `json:"label"`
	Ref       string `json:"ref"`
	Title     string `json:"title"`
	Frequency string `json:"frequency"`
	Key       bool   `json:"key"`
	Severity  string `json:"severity"`
}

// Objective identifies the control objective.
type Objective struct {
	Label string `json:"label"`
	Ref   string `json:"ref"`
}

// Target names the provider instances evaluated.
type Target struct {
	Name   string         `json:"name"`
	Inputs []result.Input `json:"inputs"`
}

// Verdict is one resource's outcome, with the messages about it.
type Verdict struct {
	Resource string   `json:"resource"`
	Verdict  string   `json:"verdict"`
	Messages []string `json:"messages,omitempty"`
	Waiver   string   `json:"waiver,omitempty"`
}

// FromResult builds the record of one result of a run.
func FromResult(run result.Run, r *result.Result) *Record {
	rec := &Record{
		RecordVersion: RecordVersion,
		RunID:         run.ID,
		AsOf:          run.AsOf.UTC(),
		StartedAt:     run.StartedAt.UTC(),
		DurationMS:    r.DurationMS,
		Control: Control{
			Label: r.Control.Label, Ref: r.Control.Ref, Title: r.Control.Title,
			Frequency: r.Control.Frequency, Key: r.Control.Key, Severity: r.Control.Severity,
		},
		Objective:    Objective{Label: r.Objective.Label, Ref: r.Objective.Ref},
		COSO:         r.Objective.COSO,
		Target:       Target{Name: r.Target, Inputs: r.Inputs},
		Status:       r.Status,
		Population:   r.Population,
		Verdicts:     []Verdict{},
		TargetWide:   []result.Finding{},
		Warnings:     r.Warnings,
		Waivers:      []result.Waiver{},
		Error:        r.Error,
		InputSHA256:  r.InputSHA256,
		Policy:       r.Policy,
		Evidence:     r.Evidence,
		SocleVersion: run.SocleVersion,
		OPAVersion:   run.OPAVersion,
		Context:      run.Context,
	}
	byResource := map[string][]result.Finding{}
	seenWaiver := map[string]bool{}
	for _, f := range r.Findings {
		if f.Waiver != nil && !seenWaiver[f.Waiver.Label] {
			seenWaiver[f.Waiver.Label] = true
			rec.Waivers = append(rec.Waivers, *f.Waiver)
		}
		if f.Resource == "" {
			rec.TargetWide = append(rec.TargetWide, f)
			continue
		}
		byResource[f.Resource] = append(byResource[f.Resource], f)
	}
	for _, id := range r.Resources {
		v := Verdict{Resource: id, Verdict: VerdictPass}
		fs := byResource[id]
		for _, f := range fs {
			v.Messages = append(v.Messages, f.Message)
			switch {
			case !f.Waived:
				v.Verdict = VerdictFail
			case v.Verdict == VerdictPass:
				v.Verdict = VerdictWaived
				v.Waiver = f.Waiver.Label
			}
		}
		if v.Verdict == VerdictFail {
			v.Waiver = ""
		}
		rec.Verdicts = append(rec.Verdicts, v)
	}
	return rec
}

// FromDocument builds the records of every result of a run, in result order.
func FromDocument(doc *result.Document) []*Record {
	out := make([]*Record, len(doc.Results))
	for i, r := range doc.Results {
		out[i] = FromResult(doc.Run, r)
	}
	return out
}

// Canonical returns the record's canonical JSON: object keys sorted by code
// point, no insignificant whitespace, no HTML escaping, numbers as integers or
// as written, times in RFC 3339 UTC. Equal records have equal bytes.
func (r *Record) Canonical() ([]byte, error) {
	return Canonicalize(r)
}

// SHA256 is the hex sha256 of the canonical JSON.
func (r *Record) SHA256() (string, error) {
	b, err := r.Canonical()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// Canonicalize encodes v as canonical JSON (see Record.Canonical): it is
// marshalled once to find its JSON form, then written by package canonical.
func Canonicalize(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(&buf)
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return nil, err
	}
	return canonical.Marshal(tree)
}
