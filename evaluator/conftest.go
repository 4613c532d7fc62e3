package evaluator

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/policy"
	"github.com/socle-dev/socle/evaluator/result"
)

// evaluateConftest runs a conftest-style package the way conftest does: each
// document of each file of the target's file provider instance is one input.
// The population is the files examined; each failure (deny*, violation*) is a
// finding on its file, each warn* a warning; waivers apply as to any control.
func (r *Repo) evaluateConftest(ctx context.Context, it Item, res *result.Result, q *policy.ConftestQuery,
	docs map[string]policy.Value, inputs map[addrs.Provider]*loaded, limit time.Duration, asOf time.Time,
	fail func(error) *result.Result) *result.Result {
	var doc policy.Value
	for _, d := range docs {
		doc = d // a conftest-style target has exactly one input (checked at load)
	}
	files, ok := doc.Get("documents")
	if !ok {
		return fail(fmt.Errorf("input %s has no documents: a conftest-style control reads a file provider", it.Target.Name))
	}
	deadline := time.Now().Add(limit)
	failed := false
	paths := files.Keys()
	for _, path := range paths {
		fileDocs, _ := files.Get(path)
		for _, d := range fileDocs.Elements() {
			remaining := time.Until(deadline)
			if limit > 0 && remaining <= 0 {
				remaining = time.Nanosecond
			}
			if limit <= 0 {
				remaining = 0
			}
			out, err := q.Eval(ctx, d, remaining)
			if err != nil {
				if errors.Is(err, policy.ErrTimeout) {
					return fail(fmt.Errorf("the policy %s did not finish within the time limit of %s; make it faster, or raise timeout in the socle block", it.Control.Policy, limit))
				}
				return fail(err)
			}
			loc := locate(it.Target, inputs, path)
			for _, msg := range out.Failures {
				f := result.Finding{Resource: path, Message: msg, Location: loc}
				if w := r.waiverFor(it.Control.Addr, path, asOf); w != nil {
					f.Waived = true
					f.Waiver = &result.Waiver{Label: w.Label, Reason: w.Reason, ApprovedBy: w.ApprovedBy, Ticket: w.Ticket, Expires: w.ExpiresRaw}
				} else {
					failed = true
				}
				res.Findings = append(res.Findings, f)
			}
			for _, msg := range out.Warnings {
				res.Warnings = append(res.Warnings, result.Finding{Resource: path, Message: msg, Location: loc})
			}
		}
	}
	res.Resources = paths
	n := len(paths)
	res.Population = &n
	switch {
	case failed:
		res.Status = result.StatusFail
	case n == 0:
		res.Status = result.StatusNotTested
	default:
		res.Status = result.StatusPass
	}
	return res
}
