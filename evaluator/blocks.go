package evaluator

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/config"
	"github.com/socle-dev/socle/evaluator/policy"
	"github.com/socle-dev/socle/evaluator/redact"
	"github.com/socle-dev/socle/providers"
	"github.com/socle-dev/socle/providers/plugin"
	"github.com/zclconf/go-cty/cty"
)

// Defaults of the socle block.
const (
	DefaultPoliciesDir = "policies"
	DefaultTimeout     = 10 * time.Second
)

// execTypes are the built-in provider types that run a program the
// repository names; they need Options.AllowExec.
var execTypes = map[string]bool{"command": true}

// Frequencies a control may have.
var Frequencies = []string{"continuous", "daily", "weekly", "monthly", "quarterly", "annual"}

// settings evaluates the socle block.
func (l *loader) settings() {
	s := Settings{PoliciesDir: DefaultPoliciesDir, Timeout: DefaultTimeout}
	b := l.cfg.Socle
	if b != nil {
		s.Organization = l.str(b.Organization, nil, "organization")
		s.System = l.str(b.System, nil, "system")
		s.Store = l.str(b.Store, nil, "store")
		if b.Policies != nil {
			if dir := l.str(b.Policies, nil, "policies"); dir != "" {
				clean, err := providers.CleanPath(dir)
				if err != nil {
					l.diags = append(l.diags, errorf(b.Policies.Range().Ptr(), "Invalid policies directory", "%s.", err))
				} else {
					s.PoliciesDir = clean
				}
			}
		}
		if b.SampleSizes != nil {
			if v, ok := l.eval(b.SampleSizes, nil, cty.Map(cty.Number), "sample_sizes"); ok {
				s.SampleSizes = map[string]int{}
				for it := v.ElementIterator(); it.Next(); {
					k, e := it.Element()
					freq := k.AsString()
					n, whole := wholeNumber(e)
					switch {
					case !slices.Contains(Frequencies, freq):
						l.diags = append(l.diags, errorf(b.SampleSizes.Range().Ptr(), "Invalid sample_sizes", "%q is not a frequency. Use: %s.%s", freq, strings.Join(Frequencies, ", "), addrs.Suggest(freq, Frequencies)))
					case !whole || n < 1:
						l.diags = append(l.diags, errorf(b.SampleSizes.Range().Ptr(), "Invalid sample_sizes", "the sample size of %s must be a whole number of 1 or more.", freq))
					default:
						s.SampleSizes[freq] = n
					}
				}
			}
		}
		l.secretFields(b.SecretFields, &s)
		l.reportSettings(b.Report, &s)
		if p := b.Period; p != nil {
			s.PeriodStart = l.date(p.Start, "period start")
			s.PeriodEnd = l.date(p.End, "period end")
			if s.PeriodStart != "" && s.PeriodEnd != "" && s.PeriodEnd < s.PeriodStart {
				l.diags = append(l.diags, errorf(p.End.Range().Ptr(), "Invalid period", "The period ends (%s) before it starts (%s). Swap start and end, or correct the dates.", s.PeriodEnd, s.PeriodStart))
			}
		}
	}
	l.limits(b, &s)
	s.Timeout = s.Limits.ControlTimeout
	l.repo.Settings = s
	l.repo.redactor = redact.New(s.SecretFields...)
}

func (l *loader) date(expr hcl.Expression, what string) string {
	s := l.str(expr, nil, what)
	if s == "" {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		l.diags = append(l.diags, errorf(expr.Range().Ptr(), "Invalid "+what, "%q is not a date; write it as YYYY-MM-DD.", s))
		return ""
	}
	return s
}

// objectives evaluates the objective blocks and makes them available to
// expressions as objective.NAME.ref / .title / .description / .coso.
func (l *loader) objectives() {
	for _, name := range keys(l.cfg.Objectives) {
		o := l.cfg.Objectives[name]
		obj := &Objective{
			Label:       name,
			Ref:         l.str(o.Ref, nil, "ref"),
			Title:       l.str(o.Title, nil, "title"),
			Description: l.str(o.Description, nil, "description"),
			DeclRange:   o.DeclRange,
		}
		obj.COSO = l.coso(o.COSO)
		obj.Mappings = l.mappings(o.Mappings)
		l.repo.Objectives[name] = obj
		coso := make([]cty.Value, len(obj.COSO))
		for i, n := range obj.COSO {
			coso[i] = cty.NumberIntVal(int64(n))
		}
		cosoVal := cty.ListValEmpty(cty.Number)
		if len(coso) > 0 {
			cosoVal = cty.ListVal(coso)
		}
		l.scope.Objectives[name] = cty.ObjectVal(map[string]cty.Value{
			"ref":         cty.StringVal(obj.Ref),
			"title":       cty.StringVal(obj.Title),
			"description": cty.StringVal(obj.Description),
			"coso":        cosoVal,
		})
	}
}

// coso reads COSO 2013 principle numbers: whole numbers 1 to 17, sorted, unique.
func (l *loader) coso(expr hcl.Expression) []int {
	v, ok := l.eval(expr, nil, cty.List(cty.Number), "coso")
	if !ok {
		return nil
	}
	// Point at the offending element when the list is written out.
	elems, _ := hcl.ExprList(expr)
	seen := map[int]bool{}
	var out []int
	i := 0
	for it := v.ElementIterator(); it.Next(); i++ {
		_, e := it.Element()
		rng := expr.Range()
		if i < len(elems) {
			rng = elems[i].Range()
		}
		if e.IsNull() {
			l.diags = append(l.diags, errorf(rng.Ptr(), "Invalid COSO principle", "A COSO 2013 principle is a number from 1 to 17, not null."))
			continue
		}
		n, whole := wholeNumber(e)
		if !whole || n < 1 || n > 17 {
			l.diags = append(l.diags, errorf(rng.Ptr(), "Invalid COSO principle", "%s is not a COSO 2013 principle: they are numbered 1 to 17.", e.AsBigFloat().Text('g', -1)))
			continue
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	sort.Ints(out)
	return out
}

// providers configures each provider block with its type.
func (l *loader) providers() {
	addrsSorted := make([]addrs.Provider, 0, len(l.cfg.Providers))
	for a := range l.cfg.Providers {
		addrsSorted = append(addrsSorted, a)
	}
	sort.Slice(addrsSorted, func(i, j int) bool { return addrsSorted[i].String() < addrsSorted[j].String() })
	env := providers.Env{FS: l.repo.FS, Dir: l.opts.Dir}
	for _, a := range addrsSorted {
		p := l.cfg.Providers[a]
		typ, ok := l.opts.Registry.Lookup(a.Type)
		if !ok {
			if exe, found := plugin.Discover(a.Type, l.opts.PluginDirs, l.getenv("PATH")); found {
				typ, ok = l.plugin(a.Type, exe), true
			}
		}
		if !ok {
			l.diags = append(l.diags, errorf(p.TypeRange.Ptr(), "Unknown provider type",
				"There is no provider type %q.%s The built-in types are: %s. A third-party type is an executable named socle-provider-%s on PATH or in a --plugin-dir.",
				a.Type, addrs.Suggest(a.Type, l.opts.Registry.Names()), strings.Join(l.opts.Registry.Names(), ", "), a.Type))
			continue
		}
		if execTypes[a.Type] && !l.opts.AllowExec {
			l.diags = append(l.diags, errorf(p.TypeRange.Ptr(), "Provider runs a program",
				"A %q provider runs a program the repository names, so socle refuses it unless the operator allows it with --allow-exec (or SOCLE_ALLOW_EXEC=1). Allow it in scheduled jobs you control; never when evaluating an untrusted pull request.", a.Type))
			continue
		}
		penv := env
		limit := &limitFS{fsys: l.repo.FS, limit: l.repo.Settings.Limits.InputSize}
		penv.FS = limit
		var reads *recordFS
		if cacheableTypes[a.Type] {
			reads = newRecordFS(limit)
			penv.FS = reads
		}
		inst, d := typ.Configure(p.Config, l.scope.EvalContext(nil), penv)
		l.diags = append(l.diags, d...)
		if d.HasErrors() || inst == nil {
			continue
		}
		prov := &Provider{Addr: a, Instance: inst, Body: p.Config, DeclRange: p.DeclRange, reads: reads, limit: limit}
		if reads != nil {
			// What the document is depends on the redaction too.
			if sum := configSHA256(p.Config, l.scope.EvalContext(nil)); sum != "" {
				prov.ConfigSHA256 = sha256Hex([]byte(sum + "\x00" + strings.Join(l.repo.Settings.SecretFields, "\x00")))
			}
		}
		if p.MaxAge != nil {
			if s := l.str(p.MaxAge, nil, "max_age"); s != "" {
				d, err := time.ParseDuration(s)
				if err != nil || d <= 0 {
					l.diags = append(l.diags, errorf(p.MaxAge.Range().Ptr(), "Invalid max_age", "%q is not a positive duration. Write it as Go does, for example \"26h\".", s))
				} else {
					prov.MaxAge = d
				}
			}
		}
		if e := p.Expect; e != nil {
			if v, ok := l.eval(e.MinItems, nil, cty.Number, "min_items"); ok {
				n, whole := wholeNumber(v)
				if !whole || n < 0 {
					l.diags = append(l.diags, errorf(e.MinItems.Range().Ptr(), "Invalid min_items", "min_items must be a whole number of zero or more."))
				} else {
					prov.MinItems = n
				}
			}
			prov.ExpectParams = l.stringMap(e.Params, nil, "params")
		}
		l.repo.Providers[a] = prov
	}
}

// providerAddrs lists the declared provider addresses as strings, sorted.
func (l *loader) providerAddrs() []string {
	out := make([]string, 0, len(l.cfg.Providers))
	for a := range l.cfg.Providers {
		out = append(out, a.String())
	}
	sort.Strings(out)
	return out
}

// waivers evaluates the waiver blocks.
func (l *loader) waivers() {
	for _, name := range keys(l.cfg.Waivers) {
		w := l.cfg.Waivers[name]
		wv := &Waiver{Label: name, DeclRange: w.DeclRange}
		ok := true
		if w.Control != nil {
			addr, good := l.controlRef(w.Control)
			wv.Control, ok = addr, good
		}
		if w.Resources != nil {
			res, good := l.strings(w.Resources, nil, "resources")
			if good {
				wv.Resources = res
				if res == nil {
					wv.Resources = []string{}
				}
			}
			ok = ok && good
		}
		wv.Reason = l.str(w.Reason, nil, "reason")
		wv.ApprovedBy = l.str(w.ApprovedBy, nil, "approved_by")
		wv.Ticket = l.str(w.Ticket, nil, "ticket")
		wv.ExpiresRaw = l.str(w.Expires, nil, "expires")
		if wv.ExpiresRaw != "" {
			exp, err := parseExpiry(wv.ExpiresRaw)
			if err != nil {
				l.diags = append(l.diags, errorf(w.Expires.Range().Ptr(), "Invalid expires", "%s", err))
				ok = false
			} else {
				wv.Expires = exp
				if !l.opts.AsOf.Before(exp) {
					l.diags = append(l.diags, warnf(w.Expires.Range().Ptr(), "Expired waiver",
						"The waiver %q expired on %s and no longer applies (as of %s): the findings it covered count again. Renew it with a new approval, or remove it.",
						name, wv.ExpiresRaw, l.opts.AsOf.Format(time.RFC3339)))
				}
			}
		}
		if ok {
			l.repo.Waivers = append(l.repo.Waivers, wv)
		}
	}
}

// parseExpiry reads a date (valid through the end of that day, UTC) or an RFC
// 3339 time, returning the first instant the waiver no longer applies.
func parseExpiry(s string) (time.Time, error) {
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		return d.AddDate(0, 0, 1), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("%q is neither a date (YYYY-MM-DD) nor an RFC 3339 time (2026-01-01T00:00:00Z)", s)
}

// controlRef resolves a reference to a control (or one of its instances).
func (l *loader) controlRef(expr hcl.Expression) (addrs.Control, bool) {
	t, d := hcl.AbsTraversalForExpr(expr)
	if d.HasErrors() {
		l.diags = append(l.diags, errorf(expr.Range().Ptr(), "Invalid control reference", "Refer to a control as control.NAME (or control.NAME[KEY] for one instance of a stamped control)."))
		return addrs.Control{}, false
	}
	ref, d := addrs.ParseRef(t)
	if d.HasErrors() {
		l.diags = append(l.diags, d...)
		return addrs.Control{}, false
	}
	c, ok := ref.Subject.(addrs.Control)
	if !ok || len(ref.Remaining) > 0 {
		l.diags = append(l.diags, errorf(expr.Range().Ptr(), "Invalid control reference", "Expected a control, as control.NAME; %s is not one.", ref.Subject))
		return addrs.Control{}, false
	}
	decl, exists := l.cfg.Controls[c.Name]
	if !exists {
		l.diags = append(l.diags, errorf(ref.SrcRange.Ptr(), "Unknown control",
			"There is no control named %q.%s Declare it with a control block, or correct the reference.", c.Name, suggestAddr("control.", c.Name, keys(l.cfg.Controls))))
		return addrs.Control{}, false
	}
	if c.Key != addrs.NoKey {
		stamped := decl.Count != nil || decl.ForEach != nil
		if !stamped {
			l.diags = append(l.diags, errorf(ref.SrcRange.Ptr(), "Unexpected instance key", "control.%s has no count or for_each, so it has no instance %s. Refer to it as control.%s.", c.Name, c.Key, c.Name))
			return addrs.Control{}, false
		}
	}
	return c, true
}

func suggestAddr(prefix, name string, names []string) string {
	if c, ok := addrs.Closest(name, names); ok {
		return fmt.Sprintf(" Did you mean %s%s?", prefix, c)
	}
	return ""
}

// checkPolicy reports a control's policy package that no Rego module defines.
func (l *loader) checkPolicy(c *config.Control, pkg string) bool {
	if !policy.ValidPackageName(pkg) {
		l.diags = append(l.diags, errorf(c.Policy.Range().Ptr(), "Invalid policy package", "%q is not a Rego package name; write it as Rego does, for example \"socle.aws.iam_mfa\".", pkg))
		return false
	}
	if l.repo.Policies == nil {
		return true // the Rego did not compile; that error is reported already
	}
	if !l.repo.Policies.HasPackage(pkg) {
		l.diags = append(l.diags, errorf(c.Policy.Range().Ptr(), "Unknown policy package",
			"No Rego module under %s/ defines package %s.%s Write the policy, or correct the name.",
			l.repo.Settings.PoliciesDir, pkg, addrs.Suggest(pkg, l.repo.Policies.Packages())))
		return false
	}
	return true
}

// plugin returns the plug-in type for an executable, one per type name per
// load, so its schema is asked once however many blocks use it.
func (l *loader) plugin(name, exe string) providers.Type {
	if l.plugins == nil {
		l.plugins = map[string]*plugin.Type{}
	}
	if t, ok := l.plugins[name]; ok {
		return t
	}
	t := plugin.New(name, exe)
	l.plugins[name] = t
	return t
}

func (l *loader) getenv(name string) string {
	v, _ := l.opts.Getenv(name)
	return v
}
