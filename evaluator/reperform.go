package evaluator

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing/fstest"
	"time"

	"github.com/socle-dev/socle/evaluator/evidence"
	"github.com/socle-dev/socle/evaluator/policy"
	"github.com/socle-dev/socle/evaluator/redact"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/socle-dev/socle/evaluator/store"
)

// ReperformResult is the outcome of reperforming one stored record.
type ReperformResult struct {
	RecordID string
	// Stored is the record as the store holds it; Reperformed the record
	// rebuilt from the stored inputs and policy modules.
	Stored, Reperformed *evidence.Record
	// StoredJSON and ReperformedJSON are their canonical JSON.
	StoredJSON, ReperformedJSON []byte
	// Style is the policy contract the package was evaluated with: "socle",
	// or "conftest" (as the record names it; inferred for older records).
	Style string
	// Identical is true when the canonical JSON of both records is the same.
	Identical bool
	// Differences name what differs, one entry per top-level field (and per
	// resource for verdicts); empty when Identical.
	Differences []Difference
}

// Difference is one field that differs between the stored and the
// reperformed record.
type Difference struct {
	Field       string // a record field: status, population, verdicts, …
	Resource    string // for verdicts: the resource whose verdict changed
	Stored      string // the stored value (JSON), "" when absent
	Reperformed string // the reperformed value (JSON), "" when absent
}

func (d Difference) String() string {
	show := func(s string) string {
		if s == "" {
			return "(absent)"
		}
		return s
	}
	name := d.Field
	if d.Resource != "" {
		name += " of " + d.Resource
	}
	return fmt.Sprintf("%s: stored %s, reperformed %s", name, show(d.Stored), show(d.Reperformed))
}

// Reperform evaluates a stored record again, from the input documents and the
// policy modules the store kept for it, with the record's as-of time and the
// waivers it says were applied, and compares the rebuilt record with the
// stored one byte for byte. Differences are reported in the result; the error
// is for a record or blob that is missing or does not match its hash, or a
// record that cannot be reperformed (it errored before its policy ran).
func Reperform(ctx context.Context, s store.Store, id string) (*ReperformResult, error) {
	if _, _, err := store.ParseRecordID(id); err != nil {
		return nil, err
	}
	sr, err := s.Record(ctx, id)
	if err != nil {
		return nil, err
	}
	if got := sha256Hex(sr.Canonical); got != sr.SHA256 {
		return nil, fmt.Errorf("record %s does not match its stored sha256 %s (its content hashes to %s): it was edited; run socle evidence verify", id, sr.SHA256, got)
	}
	stored, err := sr.Decode()
	if err != nil {
		return nil, err
	}
	res, style, err := reevaluate(ctx, s, id, stored)
	if err != nil {
		return nil, err
	}
	run := result.Run{
		ID:           stored.RunID,
		AsOf:         stored.AsOf,
		StartedAt:    stored.StartedAt,
		SocleVersion: stored.SocleVersion,
		OPAVersion:   stored.OPAVersion,
		Context:      stored.Context,
	}
	again := evidence.FromResult(run, res)
	body, err := again.Canonical()
	if err != nil {
		return nil, fmt.Errorf("record %s: encoding the reperformed record: %v", id, err)
	}
	out := &ReperformResult{
		RecordID:        id,
		Stored:          stored,
		Reperformed:     again,
		StoredJSON:      sr.Canonical,
		ReperformedJSON: body,
		Style:           style,
		Identical:       bytes.Equal(body, sr.Canonical),
	}
	if !out.Identical {
		out.Differences = differences(sr.Canonical, body)
	}
	return out, nil
}

// reevaluate rebuilds the result a record was made from.
func reevaluate(ctx context.Context, s store.Store, id string, rec *evidence.Record) (*result.Result, string, error) {
	res := &result.Result{
		Control: result.Control{
			Label: rec.Control.Label, Ref: rec.Control.Ref, Title: rec.Control.Title,
			Frequency: rec.Control.Frequency, Key: rec.Control.Key, Severity: rec.Control.Severity,
		},
		Objective:   result.Objective{Label: rec.Objective.Label, Ref: rec.Objective.Ref, COSO: rec.COSO},
		Target:      rec.Target.Name,
		Inputs:      rec.Target.Inputs,
		InputSHA256: rec.InputSHA256,
		Policy:      rec.Policy,
		DurationMS:  rec.DurationMS, // a duration is measured, not reperformed
		Findings:    []result.Finding{},
		Warnings:    []result.Finding{},
	}
	fail := func(err error) *result.Result {
		msg := redact.String(err.Error()) // as Evaluate writes it
		res.Status = result.StatusError
		res.Error = &msg
		res.Population = nil
		res.Findings = nil
		return res
	}

	if rec.Target.Name == ManualTarget && rec.Policy.Package == "" {
		return reperformManual(ctx, s, id, rec, res, fail)
	}

	// The inputs, each converted once.
	docs := make(map[string]policy.Value, len(rec.Target.Inputs))
	for _, in := range rec.Target.Inputs {
		sum, ok := rec.InputSHA256[in.Key]
		if !ok {
			return nil, "", fmt.Errorf("record %s cannot be reperformed: its input %s (%s) was never loaded, so it was never evaluated (its error: %s)", id, in.Key, in.Provider, errorText(rec.Error))
		}
		b, err := s.Blob(ctx, sum)
		if err != nil {
			return nil, "", fmt.Errorf("record %s: its input %s (%s): %w", id, in.Key, in.Provider, err)
		}
		if b.Kind != store.BlobInput {
			return nil, "", fmt.Errorf("record %s: its input %s names blob %s, which is a %s blob, not an input document", id, in.Key, sum, b.Kind)
		}
		dec := json.NewDecoder(bytes.NewReader(b.Data))
		dec.UseNumber()
		var doc any
		if err := dec.Decode(&doc); err != nil {
			return nil, "", fmt.Errorf("record %s: its input %s (blob %s) is not JSON: %v", id, in.Key, sum, err)
		}
		v, err := policy.Convert(doc)
		if err != nil {
			return nil, "", fmt.Errorf("record %s: its input %s (blob %s) could not be converted: %v", id, in.Key, sum, err)
		}
		docs[in.Key] = v
	}

	// The policy modules, compiled exactly as stored.
	pkg := rec.Policy.Package
	if rec.Policy.SHA256 == "" {
		return nil, "", fmt.Errorf("record %s cannot be reperformed: no Rego module defined its policy package %s when it was recorded (its error: %s)", id, pkg, errorText(rec.Error))
	}
	b, err := s.Blob(ctx, rec.Policy.SHA256)
	if err != nil {
		return nil, "", fmt.Errorf("record %s: its policy %s: %w", id, pkg, err)
	}
	mods, err := b.PolicyModules()
	if err != nil {
		return nil, "", fmt.Errorf("record %s: its policy %s: %v", id, pkg, err)
	}
	fsys := fstest.MapFS{}
	for _, m := range mods {
		fsys[m.Path] = &fstest.MapFile{Data: m.Source, Mode: 0o644}
	}
	set, diags := policy.Load(fsys, ".", "")
	if diags.HasErrors() {
		return nil, "", fmt.Errorf("record %s: the stored modules of policy %s (%s) do not compile: %s", id, pkg, rec.Policy.SHA256, diags.Error())
	}
	if got := set.PackageSHA256(pkg); got != rec.Policy.SHA256 {
		return nil, "", fmt.Errorf("record %s: the stored modules of policy %s hash to %q for the package, not to the %s recorded", id, pkg, got, rec.Policy.SHA256)
	}

	// Waivers: those the record says were applied, to the resources they
	// covered. A waiver that covered a finding about the target as a whole
	// had no resource list, so it covers every resource, as in evaluation.
	waivers := recordWaivers(rec)

	// Locations come from the snapshot files, not from the input document:
	// they are carried over from the stored record, by resource.
	locations := map[string]*result.Location{}
	for _, f := range slices.Concat(rec.TargetWide, rec.Warnings) {
		if f.Location != nil && f.Resource != "" {
			locations[f.Resource] = f.Location
		}
	}
	locate := func(id string) *result.Location { return locations[id] }

	style := "socle"
	if conftestStyle(set, pkg, rec, docs) {
		style = "conftest"
		q, err := set.PrepareConftest(ctx, pkg)
		if err != nil {
			return fail(err), style, nil
		}
		var doc policy.Value
		for _, d := range docs {
			doc = d
		}
		files, _ := doc.Get("documents")
		paths, deny, warn, err := conftestDecision(ctx, q, files, 0)
		if err != nil {
			return fail(err), style, nil
		}
		judge(res, paths, deny, warn, waivers, locate)
		return res, style, nil
	}
	q, err := set.Prepare(ctx, pkg)
	if err != nil {
		return fail(err), style, nil
	}
	dec, err := q.Eval(ctx, policy.NewInput(docs), 0)
	if err != nil {
		return fail(err), style, nil
	}
	judge(res, dec.Resources, dec.Deny, dec.Warn, waivers, locate)
	return res, style, nil
}

// conftestStyle tells whether the record was evaluated conftest-style: as the
// record says (policy.style), or, for records written before the style was
// recorded, inferred: one file input holding documents, and a package that
// declares no population (resources).
func conftestStyle(set *policy.Set, pkg string, rec *evidence.Record, docs map[string]policy.Value) bool {
	if rec.Policy.Style != "" {
		return rec.Policy.Style == "conftest"
	}
	if len(rec.Target.Inputs) != 1 || rec.Target.Inputs[0].Type != "file" || set.DefinesRule(pkg, "resources") {
		return false
	}
	doc := docs[rec.Target.Inputs[0].Key]
	if _, ok := doc.Get("documents"); !ok {
		return false
	}
	return true
}

// reperformManual judges a manual control's record again from the evidence
// files the store kept: each must still hash to its recorded digest, and the
// files dated inside the record's occurrence decide the status. The
// repository listing the record saw (its warnings about undated files) is
// taken as recorded: the store keeps evidence, not the directory.
func reperformManual(ctx context.Context, s store.Store, id string, rec *evidence.Record, res *result.Result, fail func(error) *result.Result) (*result.Result, string, error) {
	var candidates []Evidence
	for _, e := range rec.Evidence {
		d, err := time.Parse(time.DateOnly, e.Date)
		if err != nil {
			return nil, "", fmt.Errorf("record %s: evidence file %s has no valid date %q", id, e.File, e.Date)
		}
		candidates = append(candidates, Evidence{File: e.File, Date: d, Description: e.Description, SHA256: e.SHA256})
	}
	for _, w := range rec.Warnings {
		if w.Resource != "" {
			res.Warnings = append(res.Warnings, w)
		}
	}
	read := func(e Evidence) ([]byte, error) {
		b, err := s.Blob(ctx, e.SHA256)
		if err != nil {
			return nil, fmt.Errorf("record %s: evidence file %s: %w", id, e.File, err)
		}
		return b.Data, nil
	}
	res.InputSHA256 = map[string]string{}
	return judgeManual(res, controlName(rec.Control.Label), rec.Control.Frequency, rec.AsOf, candidates, read, fail), "", nil
}

// recordWaivers is the waiver lookup of a record: a resource whose verdict
// was waived is covered by the waiver it names; a waiver that covered a
// finding about the target as a whole covers every finding (the first such
// by label, as evaluation picks the first waiver by label).
func recordWaivers(rec *evidence.Record) waiverLookup {
	byLabel := map[string]result.Waiver{}
	for _, w := range rec.Waivers {
		byLabel[w.Label] = w
	}
	byResource := map[string]string{}
	for _, v := range rec.Verdicts {
		if v.Verdict == evidence.VerdictWaived && v.Waiver != "" {
			byResource[v.Resource] = v.Waiver
		}
	}
	var everything []string
	for _, f := range rec.TargetWide {
		if f.Waived && f.Waiver != nil && !slices.Contains(everything, f.Waiver.Label) {
			everything = append(everything, f.Waiver.Label)
		}
	}
	slices.Sort(everything)
	return func(resource string) *result.Waiver {
		label, ok := byResource[resource]
		if !ok {
			if len(everything) == 0 {
				return nil
			}
			label = everything[0]
		}
		w, ok := byLabel[label]
		if !ok {
			return nil
		}
		return &w
	}
}

func errorText(e *string) string {
	if e == nil {
		return "none recorded"
	}
	return *e
}

// differences compares two records' canonical JSON field by field; verdicts
// are compared resource by resource.
func differences(stored, again []byte) []Difference {
	var a, b map[string]json.RawMessage
	if json.Unmarshal(stored, &a) != nil || json.Unmarshal(again, &b) != nil {
		return []Difference{{Field: "record", Stored: string(stored), Reperformed: string(again)}}
	}
	keys := slices.Sorted(maps.Keys(a))
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	// The fields an auditor looks at first come first.
	rank := func(k string) int {
		switch k {
		case "status":
			return 0
		case "population":
			return 1
		case "verdicts":
			return 2
		}
		return 3
	}
	slices.SortStableFunc(keys, func(x, y string) int { return rank(x) - rank(y) })
	var out []Difference
	for _, k := range keys {
		if bytes.Equal(a[k], b[k]) {
			continue
		}
		if k == "verdicts" {
			if vs := verdictDifferences(a[k], b[k]); vs != nil {
				out = append(out, vs...)
				continue
			}
		}
		out = append(out, Difference{Field: k, Stored: string(a[k]), Reperformed: string(b[k])})
	}
	return out
}

func verdictDifferences(stored, again json.RawMessage) []Difference {
	var a, b []json.RawMessage
	if json.Unmarshal(stored, &a) != nil || json.Unmarshal(again, &b) != nil {
		return nil
	}
	byResource := func(list []json.RawMessage) (map[string]json.RawMessage, bool) {
		m := map[string]json.RawMessage{}
		for _, raw := range list {
			var v struct {
				Resource string `json:"resource"`
			}
			if json.Unmarshal(raw, &v) != nil {
				return nil, false
			}
			m[v.Resource] = raw
		}
		return m, true
	}
	ma, ok1 := byResource(a)
	mb, ok2 := byResource(b)
	if !ok1 || !ok2 {
		return nil
	}
	resources := slices.Sorted(maps.Keys(ma))
	for r := range mb {
		if _, ok := ma[r]; !ok {
			resources = append(resources, r)
		}
	}
	slices.Sort(resources)
	var out []Difference
	for _, r := range resources {
		if !bytes.Equal(ma[r], mb[r]) {
			out = append(out, Difference{Field: "verdicts", Resource: r, Stored: string(ma[r]), Reperformed: string(mb[r])})
		}
	}
	if out == nil { // same verdicts in another order
		return []Difference{{Field: "verdicts", Stored: string(stored), Reperformed: string(again)}}
	}
	return out
}

// Summary is the one-line outcome: status, population and findings counted
// from the reperformed record.
func (r *ReperformResult) Summary() string {
	rec := r.Reperformed
	pop := "no population"
	if rec.Population != nil {
		pop = fmt.Sprintf("population %d", *rec.Population)
	}
	n := len(rec.TargetWide)
	for _, v := range rec.Verdicts {
		n += len(v.Messages)
	}
	findings := fmt.Sprintf("%d findings", n)
	if n == 1 {
		findings = "1 finding"
	}
	return strings.Join([]string{string(rec.Status), pop, findings}, ", ")
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
