// Package diff compares two result documents — typically the base branch and a
// pull request — per control and target: what the change makes fail, what it
// fixes, what stays failing, what it waives, how populations moved, and which
// controls appear or disappear.
//
// It imports evaluator/result, and evaluator/addrs for its did-you-mean.
package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"

	"github.com/socle-dev/socle/evaluator/result"
)

// Kinds of change, in the order reports list them.
const (
	NewlyFailing      = "newly_failing"      // fails in head, did not in base
	NewFindings       = "new_findings"       // failed in both; head fails on resources base did not
	NewlyErroring     = "newly_erroring"     // did not operate in head, did in base
	Added             = "added"              // only in head
	Removed           = "removed"            // only in base
	Fixed             = "fixed"              // failed in base, passes (or is waived) in head
	ErrorResolved     = "error_resolved"     // errored in base, operates in head
	NewlyWaived       = "newly_waived"       // findings failing in base are waived in head
	StillFailing      = "still_failing"      // fails in both, nothing new
	PopulationChanged = "population_changed" // the number of resources examined moved
)

var order = []string{NewlyFailing, NewFindings, NewlyErroring, Added, Removed, Fixed, ErrorResolved, NewlyWaived, StillFailing, PopulationChanged}

// Change is what happened to one control on one target.
type Change struct {
	Kinds      []string         `json:"kinds"`
	Control    result.Control   `json:"control"`
	Objective  result.Objective `json:"objective"`
	Target     string           `json:"target"`
	BaseStatus result.Status    `json:"base_status,omitempty"`
	HeadStatus result.Status    `json:"head_status,omitempty"`
	BasePop    *int             `json:"base_population"`
	HeadPop    *int             `json:"head_population"`
	// NewFindings fail in head and did not in base; FixedFindings the reverse.
	NewFindings   []result.Finding `json:"new_findings"`
	FixedFindings []result.Finding `json:"fixed_findings"`
	Waived        []result.Finding `json:"newly_waived"`
	Error         *string          `json:"error,omitempty"`
}

// Has tells whether the change is of the given kind.
func (c *Change) Has(kind string) bool {
	for _, k := range c.Kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// Gates tells whether the change makes things worse: something newly failing,
// new failing resources, a control that stopped operating, or a new control
// that fails.
func (c *Change) Gates() bool {
	return c.Has(NewlyFailing) || c.Has(NewFindings) || c.Has(NewlyErroring) ||
		(c.Has(Added) && (c.HeadStatus == result.StatusFail || c.HeadStatus == result.StatusError))
}

// Report is the comparison of two runs.
type Report struct {
	FormatVersion string         `json:"format_version"`
	Base          RunRef         `json:"base"`
	Head          RunRef         `json:"head"`
	Changes       []*Change      `json:"changes"` // every (control, target) with a change, in result order
	Counts        map[string]int `json:"counts"`  // changes per kind
	HeadSummary   result.Summary `json:"head_summary"`
}

// RunRef identifies a compared run.
type RunRef struct {
	ID        string            `json:"id"`
	AsOf      string            `json:"as_of"`
	GitCommit string            `json:"git_commit,omitempty"`
	Context   map[string]string `json:"-"`
}

// Read reads a result document, refusing other format versions.
func Read(r io.Reader, name string) (*result.Document, error) {
	var doc result.Document
	dec := json.NewDecoder(r)
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s is not a socle result document (socle eval --format json): %v", name, err)
	}
	if doc.FormatVersion != result.FormatVersion {
		return nil, fmt.Errorf("%s has format_version %q; this socle compares format version %s", name, doc.FormatVersion, result.FormatVersion)
	}
	return &doc, nil
}

type key struct{ control, target string }

// Compare compares base with head.
func Compare(base, head *result.Document) *Report {
	rep := &Report{
		FormatVersion: "1",
		Base:          runRef(base),
		Head:          runRef(head),
		Counts:        map[string]int{},
		HeadSummary:   head.Summary,
	}
	baseBy := map[key]*result.Result{}
	for _, r := range base.Results {
		baseBy[key{r.Control.Label, r.Target}] = r
	}
	seen := map[key]bool{}
	for _, h := range head.Results {
		k := key{h.Control.Label, h.Target}
		seen[k] = true
		if c := compareOne(baseBy[k], h); c != nil {
			rep.Changes = append(rep.Changes, c)
		}
	}
	for _, b := range base.Results {
		if !seen[key{b.Control.Label, b.Target}] {
			rep.Changes = append(rep.Changes, compareOne(b, nil))
		}
	}
	order := func(c *Change) result.Order {
		return result.Order{ObjectiveRef: c.Objective.Ref, ObjectiveLabel: c.Objective.Label, ControlRef: c.Control.Ref, ControlLabel: c.Control.Label, Target: c.Target}
	}
	slices.SortStableFunc(rep.Changes, func(a, b *Change) int { return order(a).Compare(order(b)) })
	for _, c := range rep.Changes {
		for _, k := range c.Kinds {
			rep.Counts[k]++
		}
	}
	if rep.Changes == nil {
		rep.Changes = []*Change{}
	}
	return rep
}

func runRef(d *result.Document) RunRef {
	return RunRef{ID: d.Run.ID, AsOf: d.Run.AsOf.UTC().Format("2006-01-02T15:04:05Z"), GitCommit: d.Run.Context["git_commit"]}
}

// findingKey identifies a finding across runs: its resource, or its message
// when it has none.
func findingKey(f result.Finding) string {
	if f.Resource != "" {
		return "r:" + f.Resource
	}
	return "m:" + f.Message
}

func failing(r *result.Result) map[string]result.Finding {
	out := map[string]result.Finding{}
	if r == nil {
		return out
	}
	for _, f := range r.Findings {
		if !f.Waived {
			out[findingKey(f)] = f
		}
	}
	return out
}

func waived(r *result.Result) map[string]result.Finding {
	out := map[string]result.Finding{}
	for _, f := range r.Findings {
		if f.Waived {
			out[findingKey(f)] = f
		}
	}
	return out
}

func compareOne(b, h *result.Result) *Change {
	c := &Change{NewFindings: []result.Finding{}, FixedFindings: []result.Finding{}, Waived: []result.Finding{}}
	switch {
	case b == nil:
		c.Control, c.Objective, c.Target = h.Control, h.Objective, h.Target
		c.HeadStatus, c.HeadPop, c.Error = h.Status, h.Population, h.Error
		c.Kinds = []string{Added}
		c.NewFindings = sortedFindings(failing(h))
		return c
	case h == nil:
		c.Control, c.Objective, c.Target = b.Control, b.Objective, b.Target
		c.BaseStatus, c.BasePop = b.Status, b.Population
		c.Kinds = []string{Removed}
		return c
	}
	c.Control, c.Objective, c.Target = h.Control, h.Objective, h.Target
	c.BaseStatus, c.HeadStatus = b.Status, h.Status
	c.BasePop, c.HeadPop, c.Error = b.Population, h.Population, h.Error

	bf, hf := failing(b), failing(h)
	for k, f := range hf {
		if _, ok := bf[k]; !ok {
			c.NewFindings = append(c.NewFindings, f)
		}
	}
	hw := waived(h)
	for k, f := range bf {
		if _, ok := hf[k]; ok {
			continue
		}
		if w, ok := hw[k]; ok {
			c.Waived = append(c.Waived, w)
		} else {
			c.FixedFindings = append(c.FixedFindings, f)
		}
	}
	sortFindings(c.NewFindings)
	sortFindings(c.FixedFindings)
	sortFindings(c.Waived)

	bs, hs := b.Status, h.Status
	switch {
	case hs == result.StatusError && bs != result.StatusError:
		c.Kinds = append(c.Kinds, NewlyErroring)
	case bs == result.StatusError && hs != result.StatusError:
		c.Kinds = append(c.Kinds, ErrorResolved)
		if hs == result.StatusFail {
			c.Kinds = append(c.Kinds, NewlyFailing)
		}
	case hs == result.StatusFail && bs != result.StatusFail:
		c.Kinds = append(c.Kinds, NewlyFailing)
	case bs == result.StatusFail && hs != result.StatusFail:
		if len(c.FixedFindings) > 0 || len(c.Waived) == 0 {
			c.Kinds = append(c.Kinds, Fixed) // not when waivers alone made it pass
		}
	case bs == result.StatusFail && hs == result.StatusFail:
		if len(c.NewFindings) > 0 {
			c.Kinds = append(c.Kinds, NewFindings)
		} else {
			c.Kinds = append(c.Kinds, StillFailing)
		}
	}
	if len(c.Waived) > 0 {
		c.Kinds = append(c.Kinds, NewlyWaived)
	}
	if b.Population != nil && h.Population != nil && *b.Population != *h.Population {
		c.Kinds = append(c.Kinds, PopulationChanged)
	}
	if len(c.Kinds) == 0 {
		return nil
	}
	sort.SliceStable(c.Kinds, func(i, j int) bool { return rank(c.Kinds[i]) < rank(c.Kinds[j]) })
	return c
}

func rank(kind string) int {
	for i, k := range order {
		if k == kind {
			return i
		}
	}
	return len(order)
}

func sortedFindings(m map[string]result.Finding) []result.Finding {
	out := make([]result.Finding, 0, len(m))
	for _, f := range m {
		out = append(out, f)
	}
	sortFindings(out)
	return out
}

func sortFindings(fs []result.Finding) {
	sort.Slice(fs, func(i, j int) bool {
		if fs[i].Resource != fs[j].Resource {
			return fs[i].Resource < fs[j].Resource
		}
		return fs[i].Message < fs[j].Message
	})
}

// HasNewFailures tells whether any change gates (see Change.Gates).
func (r *Report) HasNewFailures() bool {
	for _, c := range r.Changes {
		if c.Gates() {
			return true
		}
	}
	return false
}
