package evaluator

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/bundle"
	"github.com/socle-dev/socle/providers"
)

// CollectOptions select the provider instances to collect.
type CollectOptions struct {
	// Providers are instance addresses ("aws", "file.hr"); empty: every one.
	Providers []string
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Workers collect concurrently (default 2).
	Workers int
	// Progress, when set, is told as each instance is read (StageCollect),
	// from the workers: it must be safe for concurrent use.
	Progress ProgressFunc
}

// StageCollect is the stage Collect reports progress in.
const StageCollect = "collecting"

// Collect reads each selected provider instance, from the live system when its
// type can (collect mode) and from its snapshot otherwise, and returns the
// documents ready for a bundle. An instance that fails is a diagnostic and is
// left out; the others are still collected.
func (r *Repo) Collect(ctx context.Context, opts CollectOptions) ([]*bundle.Document, hcl.Diagnostics) {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	var diags hcl.Diagnostics
	var selected []addrs.Provider
	if len(opts.Providers) == 0 {
		for a := range r.Providers {
			selected = append(selected, a)
		}
	} else {
		byName := map[string]addrs.Provider{}
		for a := range r.Providers {
			byName[a.String()] = a
		}
		for _, name := range opts.Providers {
			a, ok := byName[name]
			if !ok {
				diags = append(diags, errorf(nil, "Unknown provider", "There is no provider instance %q.%s Give --provider as TYPE or TYPE.ALIAS, as a provider block declares it; the instances are: %s.", name, addrs.Suggest(name, keys(byName)), strings.Join(keys(byName), ", ")))
				continue
			}
			selected = append(selected, a)
		}
	}
	sort.Slice(selected, func(i, j int) bool { return selected[i].String() < selected[j].String() })

	workers := max(opts.Workers, 1)
	if opts.Workers == 0 {
		workers = 2
	}
	docs := make([]*bundle.Document, len(selected))
	perDiags := make([]hcl.Diagnostics, len(selected))
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	var collected atomic.Int64
	if opts.Progress != nil {
		opts.Progress(StageCollect, 0, len(selected))
	}
	for i, a := range selected {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			defer opts.Progress.step(StageCollect, &collected, len(selected))
			p := r.Providers[a]
			mode := "load"
			var doc *providers.Document
			var err error
			if c, ok := p.Instance.(providers.Collector); ok {
				mode = "collect"
				doc, err = c.Collect(ctx)
			} else {
				if p.limit != nil {
					p.limit.reset()
				}
				doc, err = p.Instance.Load(ctx)
			}
			if err != nil {
				perDiags[i] = hcl.Diagnostics{r.sourceDiag(a, p, err, hcl.DiagError)}
				return
			}
			for _, w := range doc.Warnings {
				perDiags[i] = append(perDiags[i], r.sourceDiag(a, p, w, hcl.DiagWarning))
			}
			if err := checkLimits(a, doc, 0, r.Settings.Limits); err != nil {
				perDiags[i] = append(perDiags[i], errorf(p.DeclRange.Ptr(), fmt.Sprintf("Provider %s: input past its limit", a), "%s.", err))
				return
			}
			// A bundle never holds what a run would redact.
			doc.Value = r.Redactor().ValueOn(doc.Value, runtime.GOMAXPROCS(0))
			doc.Params = r.Redactor().Params(doc.Params)
			at := doc.CollectedAt
			if at.IsZero() || mode == "load" {
				at = now().UTC()
			}
			docs[i] = &bundle.Document{
				Entry: bundle.Entry{
					Provider: a.String(), Type: a.Type, Alias: a.Alias, Mode: mode,
					CollectorVersion: Version, CollectedAt: at.UTC(),
					Params: doc.Params, Sources: doc.Sources, Items: doc.Items,
				},
				Value: doc.Value,
			}
		})
	}
	wg.Wait()
	var out []*bundle.Document
	for i := range selected {
		diags = append(diags, perDiags[i]...)
		if docs[i] != nil {
			out = append(out, docs[i])
		}
	}
	return out, diags
}

// checkInput applies a provider block's max_age and expect to a loaded
// document: stale or incomplete input makes the controls that read it error.
func checkInput(p *Provider, doc *providers.Document, asOf time.Time) error {
	if p.MaxAge > 0 {
		if doc.CollectedAt.IsZero() {
			return fmt.Errorf("input %s has max_age %s but does not record when it was collected; evaluate a bundle written by socle collect, or remove max_age", p.Addr, p.MaxAge)
		}
		if age := asOf.Sub(doc.CollectedAt); age > p.MaxAge {
			return fmt.Errorf("stale input: %s was collected at %s, %s before %s, older than its max_age of %s; collect it again (socle collect), or raise max_age in its provider block",
				p.Addr, doc.CollectedAt.UTC().Format(time.RFC3339), age.Round(time.Second), asOf.UTC().Format(time.RFC3339), p.MaxAge)
		}
	}
	if p.MinItems > 0 && doc.Items < p.MinItems {
		return fmt.Errorf("incomplete input: %s holds %d items; its expect block requires at least %d: export the snapshot again, whole, or lower min_items", p.Addr, doc.Items, p.MinItems)
	}
	for _, k := range keys(p.ExpectParams) {
		want := p.ExpectParams[k]
		if got, ok := doc.Params[k]; !ok || got != want {
			if !ok {
				return fmt.Errorf("incomplete input: %s does not report %s; its expect block requires %q: collect the snapshot with socle collect, which records it, or remove the expectation", p.Addr, k, want)
			}
			return fmt.Errorf("incomplete input: %s reports %s = %q; its expect block requires %q: the snapshot comes from another system than expected — export it from %q, or correct the expect block", p.Addr, k, got, want, want)
		}
	}
	return nil
}
