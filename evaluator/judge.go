package evaluator

import (
	"cmp"
	"slices"
	"time"

	"github.com/socle-dev/socle/evaluator/policy"
	"github.com/socle-dev/socle/evaluator/redact"
	"github.com/socle-dev/socle/evaluator/result"
)

// ReasonEmptyPopulation is why a control whose policy examined nothing is
// not_tested, when its inputs hold items.
const ReasonEmptyPopulation = "empty population: the policy's resources matched nothing in the input and nothing was denied, so the control examined nothing; check that the snapshot is the complete export, and that the policy's resources rule reads the input's shape (socle explain shows both)"

// waiverLookup returns the waiver that covers a finding on a resource ("" for
// a finding about the target as a whole), or nil.
type waiverLookup func(resource string) *result.Waiver

// locator returns where a resource is defined, or nil.
type locator func(resource string) *result.Location

// judge completes a result from what its policy decided: each deny becomes a
// finding, waived when a waiver covers its resource; each warn a warning; the
// population is the declared resources and every resource a finding names,
// sorted; the status is fail when a finding is not waived, not_tested when
// the control examined nothing and found nothing, pass otherwise. Evaluate
// and Reperform both conclude through it, so a reperformance judges exactly
// as the evaluation did.
func judge(res *result.Result, resources []string, deny, warn []policy.Finding, waiver waiverLookup, locate locator) {
	// The population: resources (sorted and unique as a decision holds
	// them; sorted here otherwise) and the resources findings name that it
	// does not hold, merged.
	if !slices.IsSortedFunc(resources, func(a, b string) int { return cmp.Compare(a, b) - boolInt(a == b) }) {
		resources = slices.Compact(slices.Sorted(slices.Values(resources)))
	}
	var extra []string
	failed := false
	for _, f := range deny {
		if f.Resource != "" {
			if _, held := slices.BinarySearch(resources, f.Resource); !held {
				extra = append(extra, f.Resource)
			}
		}
		rf := result.Finding{Resource: f.Resource, Message: redact.String(f.Message), Location: locate(f.Resource)}
		if w := waiver(f.Resource); w != nil {
			rf.Waived = true
			rf.Waiver = w
		} else {
			failed = true
		}
		res.Findings = append(res.Findings, rf)
	}
	for _, f := range warn {
		res.Warnings = append(res.Warnings, result.Finding{Resource: f.Resource, Message: redact.String(f.Message), Location: locate(f.Resource)})
	}
	slices.Sort(extra)
	extra = slices.Compact(extra)
	res.Resources = make([]string, 0, len(resources)+len(extra))
	i, j := 0, 0
	for i < len(resources) || j < len(extra) {
		if j == len(extra) || i < len(resources) && resources[i] < extra[j] {
			res.Resources = append(res.Resources, resources[i])
			i++
		} else {
			res.Resources = append(res.Resources, extra[j])
			j++
		}
	}
	n := len(res.Resources)
	res.Population = &n
	switch {
	case failed:
		res.Status = result.StatusFail
	case n == 0 && len(deny) == 0:
		res.Status = result.StatusNotTested
		res.Reason = ReasonEmptyPopulation
	default:
		res.Status = result.StatusPass
	}
}

// repoWaivers looks up the repository's waivers in force for a control
// instance at asOf.
func (r *Repo) repoWaivers(it Item, asOf time.Time) waiverLookup {
	return func(resource string) *result.Waiver {
		w := r.waiverFor(it.Control.Addr, resource, asOf)
		if w == nil {
			return nil
		}
		return &result.Waiver{Label: w.Label, Reason: w.Reason, ApprovedBy: w.ApprovedBy, Ticket: w.Ticket, Expires: w.ExpiresRaw}
	}
}

// boolInt is 1 for true: with it, IsSortedFunc checks a strictly increasing
// list (sorted, no duplicate).
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
