package evaluator

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/hashicorp/hcl/v2"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/bundle"
	"github.com/socle-dev/socle/evaluator/cache"
	"github.com/socle-dev/socle/evaluator/canonical"
	"github.com/socle-dev/socle/evaluator/diag"
	"github.com/socle-dev/socle/evaluator/policy"
	"github.com/socle-dev/socle/evaluator/redact"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/socle-dev/socle/providers"
)

// Version is socle's version, set at build time with
// -ldflags "-X github.com/socle-dev/socle/evaluator.Version=…".
var Version = "0.1.0-dev"

// Commit is the commit socle was built from, set at build time with
// -ldflags "-X github.com/socle-dev/socle/evaluator.Commit=…" (release
// builds); when empty, BuildCommit reads it from the build's VCS stamp.
var Commit = ""

// EvalOptions control one evaluation run.
type EvalOptions struct {
	PlanOptions
	// AsOf is the time waivers are judged at (default: now, UTC).
	AsOf time.Time
	// Now is the clock for timestamps and durations (default time.Now). Tests
	// inject a fixed clock so output is reproducible.
	Now func() time.Time
	// RunID identifies the run (default: a new UUIDv7).
	RunID string
	// Context describes where the run happened (git_commit, ci_job).
	Context map[string]string
	// Workers evaluate concurrently (default GOMAXPROCS).
	Workers int
	// Timeout overrides the socle block's per-control time limit when > 0.
	Timeout time.Duration
	// Bundle, when set, supplies every input document (socle eval --snapshot)
	// instead of the providers' own snapshots.
	Bundle *bundle.Bundle
	// KeepInputs makes the document carry what the run used (Document.Used):
	// each input document's canonical JSON and each policy package's modules,
	// for the evidence store (socle eval --record). It turns Cache off.
	KeepInputs bool
	// Cache, when set, keeps what each policy package decided about each
	// input, and what each provider instance's document was, so that an
	// unchanged control on an unchanged input is not evaluated again (see
	// cached.go). Evidence is never taken from it: KeepInputs ignores it.
	Cache *cache.Cache
	// Progress, when set, is told how far the run is: each stage (StageLoad,
	// then StageEvaluate) reports done of total steps, from the workers, so
	// it must be safe for concurrent use. The engine only counts; the
	// command line decides whether and how to show it.
	Progress ProgressFunc
	// RunGroup names the logical run this one is part of (the document's
	// run.run_group); "" for none.
	RunGroup string
}

// ProgressFunc receives progress reports: done of total steps of a stage.
type ProgressFunc func(stage string, done, total int)

// The stages of an evaluation, as ProgressFunc receives them.
const (
	StageLoad     = "loading inputs"
	StageEvaluate = "evaluating"
)

// step reports one more step done to f, if set; counter counts the steps done, across goroutines.
func (f ProgressFunc) step(stage string, counter *atomic.Int64, total int) {
	if f == nil {
		return
	}
	f(stage, int(counter.Add(1)), total)
}

// loaded is one provider instance's document, loaded and converted once.
type loaded struct {
	value     policy.Value
	sha256    string
	canonical []byte // the document's canonical JSON, kept only with EvalOptions.KeepInputs
	locations map[string]providers.Location
	items     int // the document's item count, as its provider or bundle counts
	err       error

	// pending, when set, loads and converts the document on first use (see
	// document): the cache knew its hash, so it is loaded only if a decision
	// that reads it is not cached.
	pending   func() *loaded
	once      sync.Once
	lazyValue policy.Value
	lazyErr   error
}

// document returns the converted document, loading it first when pending.
func (l *loaded) document() (policy.Value, error) {
	if l.pending == nil {
		return l.value, l.err
	}
	l.once.Do(func() {
		full := l.pending()
		switch {
		case full.err != nil:
			l.lazyErr = full.err
		case full.sha256 != l.sha256:
			l.lazyErr = fmt.Errorf("an input changed while socle was reading it (its hash is now %s); evaluate again", full.sha256)
		default:
			l.lazyValue = full.value
		}
	})
	return l.lazyValue, l.lazyErr
}

// Evaluate runs the plan: loads each provider instance it needs once, converts
// each document once, prepares one query per policy package, and evaluates
// (control, target) pairs concurrently. Problems with inputs (a snapshot that
// does not parse) are returned as diagnostics and make the results that depend
// on them error; everything else still evaluates.
func (r *Repo) Evaluate(ctx context.Context, opts EvalOptions) (*result.Document, hcl.Diagnostics) {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	started := now().UTC()
	asOf := opts.AsOf
	if asOf.IsZero() {
		asOf = started
	}
	runID := opts.RunID
	if runID == "" {
		id, err := uuid.NewV7()
		if err != nil {
			id = uuid.New()
		}
		runID = id.String()
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	limit := r.Settings.Timeout
	if opts.Timeout > 0 {
		limit = opts.Timeout
	}
	runCtx := map[string]string{}
	for k, v := range opts.Context {
		runCtx[k] = v
	}
	// limits { run_timeout }: what has not finished by then is an error.
	runLimit := r.Settings.Limits.RunTimeout
	if runLimit <= 0 {
		runLimit = DefaultLimits.RunTimeout
	}
	ctx, cancel := context.WithTimeoutCause(ctx, runLimit, errRunTimeout)
	defer cancel()

	items := r.Plan(opts.PlanOptions)
	var run []Item
	for _, it := range items {
		if it.Skip == "" { // PlanOptions.Shard skips the pairs of other shards
			run = append(run, it)
		}
	}

	c := opts.Cache
	if opts.KeepInputs {
		c = nil
	}
	inputs, diags := r.loadInputs(ctx, run, workers, opts.Bundle, asOf, opts.KeepInputs, c, opts.Progress)
	queries := r.prepare(ctx, run)
	var evaluated atomic.Int64
	if opts.Progress != nil {
		opts.Progress(StageEvaluate, 0, len(run))
	}

	results := make([]*result.Result, len(run))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(workers, max(len(run), 1)) {
		wg.Go(func() {
			for i := range next {
				if context.Cause(ctx) == errRunTimeout {
					results[i] = r.notFinished(run[i], runLimit)
				} else {
					results[i] = r.evaluateItem(ctx, run[i], inputs, queries, limit, asOf, now, c)
					if context.Cause(ctx) == errRunTimeout && results[i].Status == result.StatusError {
						results[i] = r.notFinished(run[i], runLimit)
					}
				}
				opts.Progress.step(StageEvaluate, &evaluated, len(run))
			}
		})
	}
	for i := range run {
		next <- i
	}
	close(next)
	wg.Wait()

	if opts.Shard == nil || opts.Shard.Count == 1 {
		// A shard sees only part of each control's targets: a waiver
		// unused there may cover a finding in another shard.
		diags = append(diags, r.unusedWaivers(results, asOf)...)
	}
	if context.Cause(ctx) == errRunTimeout {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagWarning,
			Summary:  "Run time limit reached",
			Detail:   fmt.Sprintf("The run did not finish within its time limit of %s: the controls it had not evaluated by then are errors. Raise limits { run_timeout } in the socle block, or evaluate fewer controls at once (--control).", runLimit),
		})
	}
	result.Sort(results)
	doc := &result.Document{
		FormatVersion: result.FormatVersion,
		Run: result.Run{
			ID:           runID,
			AsOf:         asOf.UTC(),
			StartedAt:    started,
			SocleVersion: Version,
			OPAVersion:   policy.OPAVersion(),
			PolicySHA256: r.Policies.SHA256(),
			Directory:    filepath.ToSlash(r.Dir),
			Organization: r.Settings.Organization,
			System:       r.Settings.System,
			Context:      runCtx,
			RunGroup:     opts.RunGroup,
			Shard:        opts.Shard,
		},
		Results: results,
		Summary: result.Summarize(results),
	}
	doc.CUECs, doc.Subservices = r.Programme()
	if doc.Results == nil {
		doc.Results = []*result.Result{}
	}
	if opts.KeepInputs {
		doc.Used = r.used(run, inputs, results)
	}
	doc.Run.DurationMS = now().UTC().Sub(started).Milliseconds()
	return doc, diags
}

// loadInputs loads and converts every provider instance the items use, once
// each, concurrently.
func (r *Repo) loadInputs(ctx context.Context, items []Item, workers int, b *bundle.Bundle, asOf time.Time, keep bool, c *cache.Cache, progress ProgressFunc) (map[addrs.Provider]*loaded, hcl.Diagnostics) {
	needed := map[addrs.Provider]bool{}
	for _, it := range items {
		for _, in := range it.Target.Inputs {
			needed[in.Provider] = true
		}
	}
	order := make([]addrs.Provider, 0, len(needed))
	for p := range needed {
		order = append(order, p)
	}
	sort.Slice(order, func(i, j int) bool { return order[i].String() < order[j].String() })

	out := make(map[addrs.Provider]*loaded, len(order))
	diagsOf := make([]hcl.Diagnostics, len(order))
	var mu sync.Mutex
	var wg sync.WaitGroup
	var loadedCount atomic.Int64
	if progress != nil {
		progress(StageLoad, 0, len(order))
	}
	sem := make(chan struct{}, workers)
	for i, a := range order {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			l, d := r.load(ctx, r.Providers[a], b, asOf, keep, c)
			mu.Lock()
			out[a] = l
			mu.Unlock()
			diagsOf[i] = d
			progress.step(StageLoad, &loadedCount, len(order))
		})
	}
	wg.Wait()
	var diags hcl.Diagnostics
	for _, d := range diagsOf {
		diags = append(diags, d...)
	}
	return out, diags
}

// load loads and converts one provider instance's document: from the bundle
// when one is given, else through the instance. With a cache, an instance
// whose entry still holds (cachedInput) is not loaded until a control needs
// its value.
func (r *Repo) load(ctx context.Context, p *Provider, b *bundle.Bundle, asOf time.Time, keep bool, c *cache.Cache) (*loaded, hcl.Diagnostics) {
	a := p.Addr
	var diags hcl.Diagnostics
	var doc *providers.Document
	if b == nil && c != nil {
		if e, ok := r.cachedInput(c, p); ok {
			for _, w := range e.Warnings {
				diags = append(diags, r.sourceDiag(a, p, w, hcl.DiagWarning))
			}
			doc := &providers.Document{Items: e.Items, Sources: e.Sources, Params: e.Params, CollectedAt: e.CollectedAt}
			if err := checkInput(p, doc, asOf); err != nil {
				return &loaded{err: err}, diags
			}
			pending := func() *loaded {
				l, _ := r.load(ctx, p, nil, asOf, false, nil)
				return l
			}
			return &loaded{sha256: e.SHA256, locations: e.Locations, items: e.Items, pending: pending}, diags
		}
	}
	var read []string
	release := func() {} // see relaxGC
	if b != nil {
		bd, ok := b.Lookup(a.String())
		if !ok {
			return &loaded{err: fmt.Errorf("input %s is not in the snapshot bundle %s; collect it with socle collect", a, b.Dir)}, nil
		}
		doc = &providers.Document{Value: bd.Value, Items: bd.Entry.Items, Sources: bd.Entry.Sources, Params: bd.Entry.Params, CollectedAt: bd.Entry.CollectedAt}
	} else {
		var err error
		if p.reads != nil {
			p.reads.start()
		}
		if p.limit != nil {
			p.limit.reset()
		}
		release = relaxGC()
		defer release()
		doc, err = p.Instance.Load(ctx)
		if p.reads != nil {
			read = p.reads.taken()
		}
		if err != nil {
			diags = append(diags, r.sourceDiag(a, p, err, hcl.DiagError))
			return &loaded{err: fmt.Errorf("input %s could not be loaded: %v", a, err)}, diags
		}
		for _, w := range doc.Warnings {
			diags = append(diags, r.sourceDiag(a, p, w, hcl.DiagWarning))
		}
	}
	var size int64
	if b != nil {
		bd, _ := b.Lookup(a.String())
		size = bd.Entry.Bytes
	}
	if err := checkLimits(a, doc, size, r.Settings.Limits); err != nil {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: fmt.Sprintf("Provider %s: input past its limit", a), Detail: err.Error() + ".", Subject: p.DeclRange.Ptr()})
		return &loaded{err: err}, diags
	}
	if err := checkInput(p, doc, asOf); err != nil {
		return &loaded{err: err}, diags
	}
	// Secrets leave the document here, before it is hashed, cached,
	// recorded or seen by a policy.
	// Both split a large document between the cores.
	cores := runtime.GOMAXPROCS(0)
	var repeats map[*map[string]any]int // the maps the document holds more than once
	doc.Value, repeats = r.Redactor().ValueRepeats(doc.Value, cores)
	doc.Params = r.Redactor().Params(doc.Params)
	collectGarbage() // see relaxGC
	// Converting and hashing both only read the document: do them side by side.
	var sum string
	var kept []byte
	var hashErr error
	var wg sync.WaitGroup
	if keep {
		wg.Go(func() { kept, sum, hashErr = canonicalBytes(doc.Value, repeats) })
	} else {
		wg.Go(func() { sum, hashErr = canonical.SHA256Repeats(doc.Value, repeats) })
	}
	v, err := policy.ConvertOn(doc.Value, cores)
	wg.Wait()
	release() // the decoded tree is garbage once the hash is taken
	if err != nil {
		return &loaded{err: fmt.Errorf("input %s could not be converted: %v", a, err)}, diags
	}
	if hashErr != nil {
		return &loaded{err: fmt.Errorf("input %s could not be hashed: %v", a, hashErr)}, diags
	}
	if b == nil {
		r.storeInput(c, p, read, doc, sum)
	}
	return &loaded{value: v, sha256: sum, canonical: kept, locations: doc.Locations, items: doc.Items}, diags
}

// sourceDiag turns a provider error into a diagnostic that points at the
// snapshot file and position when the provider knows them, and at the provider
// block otherwise.
func (r *Repo) sourceDiag(a addrs.Provider, p *Provider, err error, sev hcl.DiagnosticSeverity) *hcl.Diagnostic {
	// Messages and quoted lines go to a job's log: credential-looking values
	// in them are hidden (the quoted file is masked byte for byte, so
	// positions still hold).
	d := &hcl.Diagnostic{Severity: sev, Summary: fmt.Sprintf("Provider %s: cannot load its snapshot", a), Detail: redact.String(err.Error()), Subject: p.DeclRange.Ptr()}
	var se *providers.SourceError
	if errors.As(err, &se) {
		d.Summary = fmt.Sprintf("Provider %s: %s", a, se.Summary)
		d.Detail = redact.String(se.Detail)
		if se.Detail == "" {
			d.Detail = se.Summary
		}
		if se.File != "" {
			display := joinDisplay(r.Dir, se.File)
			if info, serr := fs.Stat(r.FS, se.File); serr == nil && r.Settings.Limits.InputSize > 0 && info.Size() > r.Settings.Limits.InputSize {
				// Past limits { input_size }: named, never read to be quoted.
				d.Subject = &hcl.Range{Filename: display, Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: 1}}
			} else if src, rerr := fs.ReadFile(r.FS, se.File); rerr == nil {
				r.addSource(display, r.Redactor().Mask(src))
				rng := diag.RangeAt(display, src, se.Line, se.Column, 1)
				if se.Line == 0 {
					rng = diag.RangeAt(display, src, 1, 1, 0)
				}
				d.Subject = &rng
			}
		}
		if sev == hcl.DiagWarning {
			d.Summary = fmt.Sprintf("Provider %s: %s", a, se.Summary)
		} else if strings.HasPrefix(se.Summary, "Invalid ") && !strings.Contains(d.Detail, "export") {
			// A snapshot that does not parse: say what to do.
			d.Detail = strings.TrimRight(d.Detail, ".") + ". Correct the file, or export it again from its system."
		}
	}
	return d
}

func (r *Repo) addSource(name string, src []byte) {
	r.sourcesMu.Lock()
	defer r.sourcesMu.Unlock()
	r.sources[name] = src
}

// prepare makes one query per policy package the items use, each prepared
// on first use (a decision found in the cache needs none).
func (r *Repo) prepare(ctx context.Context, items []Item) map[string]*prepared {
	out := map[string]*prepared{}
	for _, it := range items {
		pkg := queryKey(it.Control)
		if _, ok := out[pkg]; ok {
			continue
		}
		c := it.Control
		p := &prepared{sha256: r.Policies.PackageSHA256(c.Policy)}
		p.make = func() {
			if c.PolicyStyle == "conftest" {
				p.cq, p.err = r.Policies.PrepareConftest(ctx, c.Policy)
			} else {
				p.q, p.err = r.Policies.Prepare(ctx, c.Policy)
			}
		}
		out[pkg] = p
	}
	return out
}

type prepared struct {
	q      *policy.Query
	cq     *policy.ConftestQuery
	err    error
	sha256 string

	make func()
	once sync.Once
}

// ready prepares the query once and returns p.
func (p *prepared) ready() *prepared {
	p.once.Do(p.make)
	return p
}

// queryKey is the key of a control's prepared query: a package prepared in
// the conftest style is a different query.
func queryKey(c *Control) string {
	if c.PolicyStyle == "conftest" {
		return "conftest:" + c.Policy
	}
	return c.Policy
}

// evaluateItem evaluates one control on one target.
func (r *Repo) evaluateItem(ctx context.Context, it Item, inputs map[addrs.Provider]*loaded, queries map[string]*prepared, limit time.Duration, asOf time.Time, now func() time.Time, cc *cache.Cache) *result.Result {
	start := now()
	c := it.Control
	res := &result.Result{
		Control:     controlOf(c),
		Objective:   objectiveOf(c.Objective),
		Target:      it.Target.Name,
		Inputs:      inputsOf(it.Target),
		InputSHA256: map[string]string{},
		Policy:      result.Policy{Package: c.Policy, Style: styleOf(c)},
		Findings:    []result.Finding{},
		Warnings:    []result.Finding{},
	}
	defer func() { res.DurationMS = now().Sub(start).Milliseconds() }()

	fail := func(err error) *result.Result {
		msg := redact.String(err.Error())
		res.Status = result.StatusError
		res.Error = &msg
		res.Population = nil
		res.Findings = nil
		return res
	}
	if !c.Automated {
		return r.evaluateManual(c, res, asOf, fail)
	}
	for _, in := range it.Target.Inputs {
		l := inputs[in.Provider]
		if l.err != nil {
			return fail(l.err)
		}
		res.InputSHA256[in.Key] = l.sha256
	}
	q := queries[queryKey(c)]
	res.Policy.SHA256 = q.sha256
	key := ""
	if cc != nil {
		key = r.decisionKey(it, res.InputSHA256, asOf)
	}
	var dec decisionEntry
	if key == "" || !cc.Get(key, &dec) {
		if q.ready().err != nil {
			return fail(q.err)
		}
		docs := make(map[string]policy.Value, len(it.Target.Inputs))
		for _, in := range it.Target.Inputs {
			v, err := inputs[in.Provider].document()
			if err != nil {
				return fail(err)
			}
			docs[in.Key] = v
		}
		var err error
		if q.cq != nil {
			dec, err = r.evaluateConftest(ctx, it, q.cq, docs, limit)
		} else {
			var d *policy.Decision
			if d, err = q.q.Eval(ctx, policy.NewInput(docs), limit); err == nil {
				dec = decisionEntry{Resources: d.Resources, Deny: d.Deny, Warn: d.Warn}
			}
		}
		if err != nil {
			if errors.Is(err, policy.ErrTimeout) {
				return fail(fmt.Errorf("the policy %s did not finish within the time limit of %s; make it faster, or raise timeout in the socle block", c.Policy, limit))
			}
			return fail(err)
		}
		if key != "" {
			_ = cc.Put(key, dec) // a cache that cannot be written only costs time
		}
	}
	judge(res, dec.Resources, dec.Deny, dec.Warn, r.repoWaivers(it, asOf), func(id string) *result.Location { return locate(it.Target, inputs, id) })
	emptyInputReason(res, it.Target, inputs)
	return res
}

// emptyInputReason names, in a not_tested result's reason, the inputs that
// hold no item: the usual cause is an empty or truncated export.
func emptyInputReason(res *result.Result, t Target, inputs map[addrs.Provider]*loaded) {
	if res.Status != result.StatusNotTested {
		return
	}
	var empty []string
	for _, in := range t.Inputs {
		if l := inputs[in.Provider]; l != nil && l.err == nil && l.items == 0 {
			empty = append(empty, in.Provider.String())
		}
	}
	if len(empty) > 0 {
		res.Reason = fmt.Sprintf("empty input: %s holds no items, so the control examined nothing; check that its snapshot is the complete export (an expect { min_items = N } block in the provider makes this an error)", strings.Join(empty, ", "))
	}
}

// waiverFor returns the first waiver (by label) in force that covers the finding.
func (r *Repo) waiverFor(c addrs.Control, resource string, asOf time.Time) *Waiver {
	for _, w := range r.Waivers {
		if w.Covers(c, resource, asOf) {
			return w
		}
	}
	return nil
}

// unusedWaivers reports waivers in force that covered nothing in this run, for
// the controls that operated: a stale exception an auditor would ask about. A
// control whose every result errored says nothing about its waivers.
func (r *Repo) unusedWaivers(results []*result.Result, asOf time.Time) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, label := range r.unmatchedWaivers(results, asOf) {
		w := r.waiver(label)
		diags = append(diags, warnf(w.DeclRange.Ptr(), "Waiver matched nothing",
			"The waiver %q for %s covered no finding in this run. If the exception is resolved, remove the waiver.", w.Label, w.Control))
	}
	return diags
}

func controlOf(c *Control) result.Control {
	return result.Control{
		Label:       c.Label,
		Ref:         c.Ref,
		Title:       c.Title,
		Description: c.Description,
		Remediation: c.Remediation,
		Severity:    c.Severity,
		Key:         c.Key,
		Frequency:   c.Frequency,
		Automated:   c.Automated,
		Owner:       c.Owner,
		Tags:        c.Tags,
		File:        c.File,
		Line:        c.DeclRange.Start.Line,
	}
}

func objectiveOf(o *Objective) result.Objective {
	if o == nil {
		return result.Objective{COSO: []int{}}
	}
	coso := o.COSO
	if coso == nil {
		coso = []int{}
	}
	return result.Objective{Label: o.Label, Ref: o.Ref, Title: o.Title, Description: o.Description, COSO: coso}
}

func inputsOf(t Target) []result.Input {
	out := make([]result.Input, len(t.Inputs))
	for i, in := range t.Inputs {
		out[i] = result.Input{Key: in.Key, Provider: in.Provider.String(), Type: in.Provider.Type, Alias: in.Provider.Alias}
	}
	return out
}

// locate finds where a resource is defined, from the target's input documents.
func locate(t Target, inputs map[addrs.Provider]*loaded, resource string) *result.Location {
	if resource == "" {
		return nil
	}
	for _, in := range t.Inputs {
		if l := inputs[in.Provider]; l != nil {
			if loc, ok := l.locations[resource]; ok {
				return &result.Location{File: loc.File, Line: loc.Line}
			}
		}
	}
	return nil
}

// styleOf is the policy style a result records: "conftest", or "" for
// socle's own contract.
func styleOf(c *Control) string {
	if c.PolicyStyle == "conftest" {
		return "conftest"
	}
	return ""
}

// errRunTimeout is the cause of the run's context when limits { run_timeout }
// is reached.
var errRunTimeout = errors.New("the run time limit was reached")

// notFinished is the result of an item the run had no time left for.
func (r *Repo) notFinished(it Item, limit time.Duration) *result.Result {
	msg := fmt.Sprintf("not evaluated: the run did not finish within its time limit of %s; raise limits { run_timeout } in the socle block", limit)
	return &result.Result{
		Control:     controlOf(it.Control),
		Objective:   objectiveOf(it.Control.Objective),
		Target:      it.Target.Name,
		Inputs:      inputsOf(it.Target),
		InputSHA256: map[string]string{},
		Policy:      result.Policy{Package: it.Control.Policy, Style: styleOf(it.Control)},
		Status:      result.StatusError,
		Error:       &msg,
		Warnings:    []result.Finding{},
	}
}
