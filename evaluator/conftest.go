package evaluator

import (
	"context"
	"fmt"
	"time"

	"github.com/socle-dev/socle/evaluator/policy"
)

// evaluateConftest runs a conftest-style package the way conftest does: each
// document of each file of the target's file provider instance is one input.
// The population is the files examined; each failure (deny*, violation*) is a
// finding on its file, each warn* a warning.
func (r *Repo) evaluateConftest(ctx context.Context, it Item, q *policy.ConftestQuery, docs map[string]policy.Value, limit time.Duration) (decisionEntry, error) {
	var doc policy.Value
	for _, d := range docs {
		doc = d // a conftest-style target has exactly one input (checked at load)
	}
	files, ok := doc.Get("documents")
	if !ok {
		return decisionEntry{}, fmt.Errorf("input %s has no documents: a conftest-style control reads a file provider", it.Target.Name)
	}
	paths, deny, warn, err := conftestDecision(ctx, q, files, limit)
	return decisionEntry{Resources: paths, Deny: deny, Warn: warn}, err
}

// conftestDecision evaluates every document of every file (files is the file
// provider's "documents": path → documents) within limit (0: no limit) for
// the whole target: the files examined, sorted, and the failures and
// warnings, each on its file.
func conftestDecision(ctx context.Context, q *policy.ConftestQuery, files policy.Value, limit time.Duration) (paths []string, deny, warn []policy.Finding, err error) {
	// One time limit for the whole target, however many documents it has.
	if limit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, limit)
		defer cancel()
	}
	paths = files.Keys()
	for _, path := range paths {
		fileDocs, _ := files.Get(path)
		for _, d := range fileDocs.Elements() {
			out, err := q.Eval(ctx, d, 0)
			if err != nil {
				return nil, nil, nil, err
			}
			for _, msg := range out.Failures {
				deny = append(deny, policy.Finding{Resource: path, Message: msg})
			}
			for _, msg := range out.Warnings {
				warn = append(warn, policy.Finding{Resource: path, Message: msg})
			}
		}
	}
	return paths, deny, warn, nil
}
