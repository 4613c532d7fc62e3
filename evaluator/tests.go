package evaluator

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/config"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/socle-dev/socle/providers"
	"github.com/socle-dev/socle/providers/plugin"
	"github.com/zclconf/go-cty/cty"
)

// Test is an HCL test block: a control evaluated on fixture snapshots, with
// the result it must give (like terraform test). A test's fixtures replace the
// snapshot of the provider instances the control reads; the input keys the
// test does not name keep the repository's own snapshots.
type Test struct {
	Label   string
	Control *Control
	// Target is the control's first target with each input the test replaces
	// pointing at a fixture instance (Fixtures).
	Target   Target
	Fixtures map[addrs.Provider]*Provider
	// AsOf is the clock for waivers and dates; zero: the run's as-of.
	AsOf      time.Time
	Expect    TestExpect
	File      string // repository-relative
	DeclRange hcl.Range
}

// TestExpect is what a test expects of its control's result.
type TestExpect struct {
	Status result.Status
	// Failing, when not nil, is exactly the resources with an unwaived
	// finding, sorted ("" is a finding on the target as a whole).
	Failing []string
	// Population, when not nil, is the population's size.
	Population *int
}

// statusNames are the statuses a test may expect.
var statusNames = []string{string(result.StatusPass), string(result.StatusFail), string(result.StatusNotTested), string(result.StatusError)}

// TestOutcome is one test's result.
type TestOutcome struct {
	Test     *Test
	Result   *result.Result
	Problems []string // what differs from the expectation; none when it passed
	Duration time.Duration
}

// Pass tells whether the control gave what the test expects.
func (o TestOutcome) Pass() bool { return len(o.Problems) == 0 }

// fixtureAlias is the alias of the provider instance a test's fixture for an
// input key is loaded through, so results and messages say where it came from.
func fixtureAlias(test, key string) string { return "test." + test + "." + key }

// tests resolves the test blocks, sorted by label.
func (l *loader) tests() {
	for _, name := range keys(l.cfg.Tests) {
		t := l.cfg.Tests[name]
		if tt := l.test(name, t); tt != nil {
			l.repo.Tests = append(l.repo.Tests, tt)
		}
	}
}

func (l *loader) test(name string, t *config.Test) *Test {
	addr, ok := l.controlRef(t.Control)
	if !ok {
		return nil
	}
	var ctl *Control
	for _, c := range l.repo.Controls {
		if c.Addr.Name == addr.Name && (addr.Key == addrs.NoKey || c.Addr.Key == addr.Key) {
			ctl = c
			break
		}
	}
	if ctl == nil {
		l.diags = append(l.diags, errorf(t.Control.Range().Ptr(), "Control has no instance",
			"%s has no instance to test (count = 0, an empty for_each, or an error above). Fix the error, give the control instances, or point the test at another control.", addr))
		return nil
	}
	out := &Test{
		Label:     name,
		Control:   ctl,
		Fixtures:  map[addrs.Provider]*Provider{},
		File:      l.cfg.FileNames[t.DeclRange.Filename],
		DeclRange: t.DeclRange,
	}
	good := true
	if t.AsOf != nil {
		if s := l.date(t.AsOf, "as_of"); s != "" {
			out.AsOf, _ = time.Parse(time.DateOnly, s)
		} else {
			good = false
		}
	}
	if e := t.Expect; e != nil {
		out.Expect.Status = result.Status(l.oneOf(e.Status, nil, "status", statusNames, ""))
		if out.Expect.Status == "" {
			good = false
		}
		if e.Failing != nil {
			res, ok := l.strings(e.Failing, nil, "failing")
			if ok {
				out.Expect.Failing = slices.Sorted(slices.Values(res))
				if out.Expect.Failing == nil {
					out.Expect.Failing = []string{}
				}
			} else {
				good = false
			}
		}
		if v, ok := l.eval(e.Population, nil, cty.Number, "population"); ok {
			n, whole := wholeNumber(v)
			if !whole || n < 0 {
				l.diags = append(l.diags, errorf(e.Population.Range().Ptr(), "Invalid population", "population must be a whole number of zero or more."))
				good = false
			} else {
				out.Expect.Population = &n
			}
		}
	}
	if !ctl.Automated {
		if t.Snapshot != nil {
			l.diags = append(l.diags, errorf(t.Snapshot.Range().Ptr(), "Snapshot on a manual control's test",
				"%s is a manual control: it reads evidence files, not snapshots. Remove snapshot; the test checks the control's evidence as it stands.", ctl.Label))
			return nil
		}
		out.Target = ctl.Targets[0]
		return nilIf(!good, out)
	}
	if len(ctl.Targets) == 0 {
		return nil // the control's own errors are reported already
	}
	out.Target = Target{Name: ctl.Targets[0].Name, Inputs: slices.Clone(ctl.Targets[0].Inputs)}
	if t.Snapshot == nil {
		return nilIf(!good, out)
	}
	fixtures := l.stringMap(t.Snapshot, nil, "snapshot")
	if fixtures == nil {
		return nil
	}
	keysOf := func() []string {
		var ks []string
		for _, in := range out.Target.Inputs {
			ks = append(ks, in.Key)
		}
		return ks
	}
	for _, key := range keys(fixtures) {
		i := slices.IndexFunc(out.Target.Inputs, func(in TargetInput) bool { return in.Key == key })
		if i < 0 {
			l.diags = append(l.diags, errorf(t.Snapshot.Range().Ptr(), "Unknown input key",
				"%s reads no input %q; its inputs are: %s.%s", ctl.Label, key, strings.Join(keysOf(), ", "), addrs.Suggest(key, keysOf())))
			good = false
			continue
		}
		orig := out.Target.Inputs[i].Provider
		fx := addrs.Provider{Type: orig.Type, Alias: fixtureAlias(name, key)}
		p := l.fixtureProvider(orig, fx, fixtures[key], t.Snapshot.Range())
		if p == nil {
			good = false
			continue
		}
		out.Fixtures[fx] = p
		out.Target.Inputs[i].Provider = fx
	}
	return nilIf(!good, out)
}

func nilIf(cond bool, t *Test) *Test {
	if cond {
		return nil
	}
	return t
}

// fixtureProvider configures a provider instance like orig but reading its
// snapshot from path. A fixture is a test's own data: the original block's
// max_age and expect checks do not apply to it.
func (l *loader) fixtureProvider(orig, fx addrs.Provider, path string, rng hcl.Range) *Provider {
	decl, ok := l.cfg.Providers[orig]
	if !ok {
		return nil
	}
	typ, ok := l.opts.Registry.Lookup(orig.Type)
	if !ok {
		exe, found := plugin.Discover(orig.Type, l.opts.PluginDirs, l.getenv("PATH"))
		if !found {
			return nil // reported on the provider block
		}
		typ = l.plugin(orig.Type, exe)
	}
	if execTypes[orig.Type] && !l.opts.AllowExec {
		return nil // reported on the provider block
	}
	body := snapshotOverride(decl.Config, path, rng)
	env := providers.Env{FS: l.repo.FS, Dir: l.opts.Dir}
	inst, d := typ.Configure(body, l.scope.EvalContext(nil), env)
	for _, dd := range d {
		if dd.Subject == nil || dd.Subject.Filename == "" {
			dd.Subject = rng.Ptr()
		}
	}
	l.diags = append(l.diags, d...)
	if d.HasErrors() || inst == nil {
		return nil
	}
	return &Provider{Addr: fx, Instance: inst, DeclRange: rng}
}

// snapshotOverride is a provider block's body with its snapshot argument
// replaced by path: the body a test's fixture instance is configured from.
func snapshotOverride(body hcl.Body, path string, rng hcl.Range) hcl.Body {
	return &overrideBody{
		inner: body,
		attrs: map[string]*hcl.Attribute{"snapshot": {
			Name:      "snapshot",
			Expr:      hcl.StaticExpr(cty.StringVal(path), rng),
			Range:     rng,
			NameRange: rng,
		}},
	}
}

// overrideBody is an hcl.Body whose named attributes are replaced (or added).
type overrideBody struct {
	inner hcl.Body
	attrs map[string]*hcl.Attribute
}

// without is schema less the overridden attributes.
func (b *overrideBody) without(schema *hcl.BodySchema) *hcl.BodySchema {
	s := &hcl.BodySchema{Blocks: schema.Blocks}
	for _, a := range schema.Attributes {
		if _, ok := b.attrs[a.Name]; !ok {
			s.Attributes = append(s.Attributes, a)
		}
	}
	return s
}

func (b *overrideBody) add(c *hcl.BodyContent, schema *hcl.BodySchema) {
	for _, a := range schema.Attributes {
		if o, ok := b.attrs[a.Name]; ok {
			c.Attributes[a.Name] = o
		}
	}
}

func (b *overrideBody) Content(schema *hcl.BodySchema) (*hcl.BodyContent, hcl.Diagnostics) {
	c, rest, diags := b.PartialContent(schema)
	// What the inner body has beyond the schema was reported when the
	// provider block itself was configured; only the overridden names can
	// remain, and those are hidden.
	_ = rest
	return c, diags
}

func (b *overrideBody) PartialContent(schema *hcl.BodySchema) (*hcl.BodyContent, hcl.Body, hcl.Diagnostics) {
	c, rest, diags := b.inner.PartialContent(b.without(schema))
	if c.Attributes == nil {
		c.Attributes = hcl.Attributes{}
	}
	b.add(c, schema)
	return c, &hiddenBody{inner: rest, hide: b.attrs}, diags
}

func (b *overrideBody) JustAttributes() (hcl.Attributes, hcl.Diagnostics) {
	attrs, diags := b.inner.JustAttributes()
	if attrs == nil {
		attrs = hcl.Attributes{}
	}
	for n, a := range b.attrs {
		attrs[n] = a
	}
	return attrs, diags
}

func (b *overrideBody) MissingItemRange() hcl.Range { return b.inner.MissingItemRange() }

// hiddenBody is what remains of an overrideBody after PartialContent: the
// overridden attributes are not seen again.
type hiddenBody struct {
	inner hcl.Body
	hide  map[string]*hcl.Attribute
}

func (b *hiddenBody) Content(schema *hcl.BodySchema) (*hcl.BodyContent, hcl.Diagnostics) {
	c, rest, diags := b.PartialContent(schema)
	attrs, _ := rest.JustAttributes()
	for name, a := range attrs {
		if _, hidden := b.hide[name]; hidden {
			continue
		}
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Unsupported argument",
			Detail:   fmt.Sprintf("An argument named %q is not expected here.", name),
			Subject:  a.NameRange.Ptr(),
		})
	}
	return c, diags
}

func (b *hiddenBody) PartialContent(schema *hcl.BodySchema) (*hcl.BodyContent, hcl.Body, hcl.Diagnostics) {
	s := &hcl.BodySchema{Blocks: schema.Blocks}
	for _, a := range schema.Attributes {
		if _, hidden := b.hide[a.Name]; !hidden {
			s.Attributes = append(s.Attributes, a)
		}
	}
	return b.inner.PartialContent(s)
}

func (b *hiddenBody) JustAttributes() (hcl.Attributes, hcl.Diagnostics) {
	attrs, diags := b.inner.JustAttributes()
	for name := range b.hide {
		delete(attrs, name)
	}
	return attrs, diags
}

func (b *hiddenBody) MissingItemRange() hcl.Range { return b.inner.MissingItemRange() }

// RunTests evaluates every test block's control on its fixtures and compares
// the result with the expectation. asOf is the clock of tests that set none;
// limit the per-control time limit (0: the socle block's).
func (r *Repo) RunTests(ctx context.Context, asOf time.Time, limit time.Duration) []TestOutcome {
	if limit <= 0 {
		limit = r.Settings.Timeout
	}
	out := make([]TestOutcome, 0, len(r.Tests))
	for _, t := range r.Tests {
		out = append(out, r.runTest(ctx, t, asOf, limit))
	}
	return out
}

func (r *Repo) runTest(ctx context.Context, t *Test, asOf time.Time, limit time.Duration) TestOutcome {
	started := time.Now()
	if !t.AsOf.IsZero() {
		asOf = t.AsOf
	}
	it := Item{Control: t.Control, Target: t.Target}
	inputs := map[addrs.Provider]*loaded{}
	for _, in := range t.Target.Inputs {
		p, ok := t.Fixtures[in.Provider]
		if !ok {
			p = r.Providers[in.Provider]
		}
		l, _ := r.load(ctx, p, nil, asOf, false, nil)
		inputs[in.Provider] = l
	}
	var queries map[string]*prepared
	if t.Control.Automated {
		queries = r.prepare(ctx, []Item{it})
	}
	res := r.evaluateItem(ctx, it, inputs, queries, limit, asOf, time.Now, nil)
	return TestOutcome{Test: t, Result: res, Problems: t.Expect.check(res), Duration: time.Since(started)}
}

// check lists how res differs from the expectation.
func (e TestExpect) check(res *result.Result) []string {
	var problems []string
	if res.Status != e.Status {
		p := fmt.Sprintf("status is %s, want %s", res.Status, e.Status)
		if res.Error != nil {
			p += ": " + *res.Error
		}
		problems = append(problems, p)
	}
	if e.Failing != nil {
		got := failingResources(res)
		if !slices.Equal(got, e.Failing) {
			problems = append(problems, fmt.Sprintf("failing resources are %s, want %s", quoteList(got), quoteList(e.Failing)))
		}
	}
	if e.Population != nil {
		switch {
		case res.Population == nil:
			problems = append(problems, fmt.Sprintf("population is not reported (the control errored), want %d", *e.Population))
		case *res.Population != *e.Population:
			problems = append(problems, fmt.Sprintf("population is %d, want %d", *res.Population, *e.Population))
		}
	}
	return problems
}

// failingResources are the resources of a result's unwaived findings, sorted
// and unique.
func failingResources(res *result.Result) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, f := range res.Findings {
		if !f.Waived && !seen[f.Resource] {
			seen[f.Resource] = true
			out = append(out, f.Resource)
		}
	}
	slices.Sort(out)
	return out
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = fmt.Sprintf("%q", v)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
