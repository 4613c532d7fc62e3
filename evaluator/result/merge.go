package result

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Part is one shard's result document and the name it is known by (its
// file), for diagnostics.
type Part struct {
	Name string
	Doc  *Document
}

// MergeError lists everything that stops shards from being merged, each
// problem a sentence naming the files concerned.
type MergeError struct {
	Problems []string
}

func (e *MergeError) Error() string { return strings.Join(e.Problems, "\n") }

// Merge joins the result documents of every shard of one run (socle eval
// --shard I/N, for I = 0…N-1) into the document the run would have made
// whole. It refuses documents that are not shards, shards of different
// runs (run group, shard count, policy hash, socle or OPA version), two
// documents for one shard, a missing shard, a pair of control and target
// given twice, and a result that does not belong to the shard its document
// names; the MergeError says which files.
//
// The merged run takes the run group as its id; as_of and started_at are
// the shards' earliest, the duration spans them all, the context keeps what
// every shard agrees on, and shard_runs lists the shards' run ids.
func Merge(parts []Part) (*Document, error) {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if len(parts) == 0 {
		return nil, &MergeError{[]string{"no result documents to merge: give every shard's result (socle eval --shard I/N --format json)"}}
	}
	for _, p := range parts {
		switch {
		case p.Doc.FormatVersion != FormatVersion:
			add("%s has format_version %q; this socle merges format version %s", p.Name, p.Doc.FormatVersion, FormatVersion)
		case len(p.Doc.Run.ShardRuns) > 0:
			add("%s is already a merged result (of %d shards); merge the shards' own results", p.Name, len(p.Doc.Run.ShardRuns))
		case p.Doc.Run.Shard == nil:
			add("%s is not a shard's result (its run has no shard); give the results of socle eval --shard I/N", p.Name)
		}
	}
	if len(problems) > 0 {
		return nil, &MergeError{problems}
	}
	first := parts[0]
	fr := first.Doc.Run
	same := func(what string, get func(Run) string) {
		for _, p := range parts[1:] {
			if v := get(p.Doc.Run); v != get(fr) {
				add("%s and %s have different %s (%q, %q): shards of one run share it", first.Name, p.Name, what, get(fr), v)
			}
		}
	}
	same("run groups", func(r Run) string { return r.RunGroup })
	same("shard counts", func(r Run) string { return fmt.Sprint(r.Shard.Count) })
	same("policy hashes", func(r Run) string { return r.PolicySHA256 })
	same("socle versions", func(r Run) string { return r.SocleVersion })
	same("OPA versions", func(r Run) string { return r.OPAVersion })
	if len(problems) > 0 {
		return nil, &MergeError{problems}
	}
	count := fr.Shard.Count
	byIndex := make([]*Part, count)
	for i := range parts {
		p := &parts[i]
		idx := p.Doc.Run.Shard.Index
		if idx < 0 || idx >= count {
			add("%s names shard %d/%d, which does not exist (the index counts from 0 to %d)", p.Name, idx, count, count-1)
			continue
		}
		if prev := byIndex[idx]; prev != nil {
			add("%s and %s are both shard %d/%d: give each shard once", prev.Name, p.Name, idx, count)
			continue
		}
		byIndex[idx] = p
	}
	var missing []string
	for i, p := range byIndex {
		if p == nil {
			missing = append(missing, fmt.Sprintf("%d/%d", i, count))
		}
	}
	if len(missing) > 0 {
		add("shard %s of run group %q is missing: give every shard's result", strings.Join(missing, ", "), fr.RunGroup)
	}
	if len(problems) > 0 {
		return nil, &MergeError{problems}
	}

	type pair struct{ control, target string }
	from := map[pair]string{}
	var results []*Result
	for _, p := range byIndex {
		sh := *p.Doc.Run.Shard
		for _, r := range p.Doc.Results {
			k := pair{r.Control.Label, r.Target}
			if prev, ok := from[k]; ok {
				add("control %s on target %s is in both %s and %s: a pair belongs to one shard", r.Control.Label, r.Target, prev, p.Name)
				continue
			}
			from[k] = p.Name
			if !sh.Holds(r.Control.Label, r.Target) {
				add("%s holds control %s on target %s, which belongs to shard %d/%d, not %s: the file is not what socle eval --shard %s wrote", p.Name, r.Control.Label, r.Target, ShardOf(r.Control.Label, r.Target, count), count, sh, sh)
				continue
			}
			results = append(results, r)
		}
	}
	if len(problems) > 0 {
		return nil, &MergeError{problems}
	}

	run := fr
	run.ID = fr.RunGroup
	if run.ID == "" {
		run.ID = fr.ID
	}
	run.Shard = nil
	run.ShardRuns = make([]string, count)
	var end time.Time
	run.Context = maps.Clone(fr.Context)
	for i, p := range byIndex {
		r := p.Doc.Run
		run.ShardRuns[i] = r.ID
		if r.AsOf.Before(run.AsOf) {
			run.AsOf = r.AsOf
		}
		if r.StartedAt.Before(run.StartedAt) {
			run.StartedAt = r.StartedAt
		}
		if e := r.StartedAt.Add(time.Duration(r.DurationMS) * time.Millisecond); e.After(end) {
			end = e
		}
		for k, v := range run.Context {
			if r.Context[k] != v {
				delete(run.Context, k)
			}
		}
	}
	if run.Context == nil {
		run.Context = map[string]string{}
	}
	run.DurationMS = end.Sub(run.StartedAt).Milliseconds()
	Sort(results)
	if results == nil {
		results = []*Result{}
	}
	doc := &Document{
		FormatVersion: FormatVersion,
		Run:           run,
		Results:       results,
		Summary:       Summarize(results),
		CUECs:         slices.Clone(first.Doc.CUECs),
		Subservices:   slices.Clone(first.Doc.Subservices),
	}
	return doc, nil
}
