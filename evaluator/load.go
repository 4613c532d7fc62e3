package evaluator

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/config"
	"github.com/socle-dev/socle/evaluator/lang"
	"github.com/socle-dev/socle/evaluator/policy"
	"github.com/socle-dev/socle/providers"
	"github.com/socle-dev/socle/providers/plugin"
	"github.com/zclconf/go-cty/cty"
)

// Options tell Load where the repository is and what the command line and the
// environment give it.
type Options struct {
	// Dir is the policy repository directory.
	Dir string
	// FS, when set, is used instead of opening Dir (tests and fuzzing); Dir is
	// then only used in messages.
	FS fs.FS
	// Vars are -var NAME=VALUE and -var-file FILE arguments, in command-line order.
	Vars []VarArg
	// Getenv reads the environment (SOCLE_VAR_*, env()); default os.LookupEnv.
	Getenv func(string) (string, bool)
	// Environ lists the environment as NAME=VALUE (to find SOCLE_VAR_*);
	// default os.Environ.
	Environ func() []string
	// Registry holds the provider types; default the built-in ones.
	Registry *providers.Registry
	// AsOf is the time waivers are judged at; default now.
	AsOf time.Time
	// AllowExec lets provider types that run programs named by the
	// repository (command) be configured. Off by default: a pull request must
	// not make CI run a program of its choosing. Scheduled jobs turn it on
	// (--allow-exec).
	AllowExec bool
	// PluginDirs are searched, before PATH, for socle-provider-TYPE
	// executables when a provider type is not built in. They come from the
	// operator (--plugin-dir, SOCLE_PLUGIN_PATH), never from the repository, so
	// a pull request cannot make socle run a program it adds.
	PluginDirs []string
}

// VarArg is one -var or -var-file argument.
type VarArg struct {
	File  bool   // -var-file
	Value string // NAME=VALUE, or the file name
}

// loader carries the state of one Load.
type loader struct {
	opts    Options
	cfg     *config.Config
	repo    *Repo
	scope   *lang.Scope
	known   lang.Known
	diags   hcl.Diagnostics
	plugins map[string]*plugin.Type
}

// Load reads, decodes and resolves the policy repository. It reports every
// problem it finds, not just the first. The Repo is nil when the repository could
// not be read at all; with errors it is incomplete and must not be evaluated.
func Load(opts Options) (*Repo, hcl.Diagnostics) {
	if opts.Getenv == nil {
		opts.Getenv = os.LookupEnv
	}
	if opts.Environ == nil {
		opts.Environ = os.Environ
	}
	if opts.Registry == nil {
		opts.Registry = DefaultRegistry()
	}
	if opts.AsOf.IsZero() {
		opts.AsOf = time.Now().UTC()
	}
	fsys := opts.FS
	if fsys == nil {
		root, err := os.OpenRoot(opts.Dir)
		if err != nil {
			return nil, hcl.Diagnostics{{
				Severity: hcl.DiagError,
				Summary:  "Cannot open the policy repository",
				Detail:   fmt.Sprintf("%v. Give the path of a directory holding *.hcl files.", err),
			}}
		}
		fsys = root.FS()
	}

	cfg, diags := config.Load(fsys, opts.Dir)
	l := &loader{
		opts: opts,
		cfg:  cfg,
		repo: &Repo{
			Dir:        opts.Dir,
			FS:         fsys,
			Objectives: map[string]*Objective{},
			Providers:  map[addrs.Provider]*Provider{},
			sources:    map[string][]byte{},
		},
		diags: diags,
	}
	l.scope = lang.NewScope(lang.Functions(fsys, opts.Getenv, l.envAllowed()))
	for name, f := range cfg.Files {
		l.repo.sources[name] = f.Bytes
	}
	if len(cfg.Files) == 0 {
		return l.repo, dedupe(l.diags)
	}

	l.known = lang.Known{
		Vars:       setOf(keys(cfg.Variables)),
		Locals:     setOf(keys(cfg.Locals)),
		Objectives: setOf(keys(cfg.Objectives)),
	}
	l.variables()
	l.diags = append(l.diags, lang.EvaluateLocals(cfg.Locals, l.scope, l.known)...)
	l.settings()
	l.objectives()
	l.policies()
	l.providers()
	l.controls()
	l.waivers()
	l.cuecs()
	l.subservices()
	l.risks()
	l.tests()
	l.notifies()
	return l.repo, dedupe(l.diags)
}

// variables types and validates the input variables from defaults,
// SOCLE_VAR_*, -var-file and -var.
func (l *loader) variables() {
	var raws []lang.RawVar
	for _, kv := range l.opts.Environ() {
		name, value, ok := cutPrefix(kv, "SOCLE_VAR_")
		if ok {
			raws = append(raws, lang.RawVar{Name: name, Source: lang.FromEnv, Origin: "SOCLE_VAR_" + name, Text: value})
		}
	}
	parser := hclparse.NewParser()
	for _, a := range l.opts.Vars {
		if !a.File {
			r, err := lang.ParseVarFlag(a.Value)
			if err != nil {
				l.diags = append(l.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid -var", Detail: err.Error() + "."})
				continue
			}
			raws = append(raws, r)
			continue
		}
		src, display, err := l.readVarFile(a.Value)
		if err != nil {
			l.diags = append(l.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read -var-file", Detail: err.Error()})
			continue
		}
		l.repo.sources[display] = src
		rs, d := lang.ParseVarFile(parser, src, display)
		l.diags = append(l.diags, d...)
		raws = append(raws, rs...)
	}
	vals, d := lang.VariableValues(l.cfg.Variables, raws, l.scope)
	l.diags = append(l.diags, d...)
	l.scope.Vars = vals
}

// readVarFile reads a -var-file. The path is taken relative to the current
// directory, as a user types it, and must lie inside the policy repository.
func (l *loader) readVarFile(name string) ([]byte, string, error) {
	if l.opts.FS != nil {
		p, err := providers.CleanPath(name)
		if err != nil {
			return nil, name, err
		}
		src, err := fs.ReadFile(l.repo.FS, p)
		return src, name, err
	}
	absFile, err := filepath.Abs(name)
	if err != nil {
		return nil, name, err
	}
	absRepo, err := filepath.Abs(l.opts.Dir)
	if err != nil {
		return nil, name, err
	}
	rel, err := filepath.Rel(absRepo, absFile)
	if err != nil {
		return nil, name, err
	}
	p, err := providers.CleanPath(filepath.ToSlash(rel))
	if err != nil {
		return nil, name, fmt.Errorf("%s is outside the policy repository %s; keep variable files inside it", name, l.opts.Dir)
	}
	src, err := fs.ReadFile(l.repo.FS, p)
	if err != nil {
		return nil, name, fmt.Errorf("reading %s: %v", name, err)
	}
	return src, name, nil
}

// policies compiles the Rego modules under the policy directory.
func (l *loader) policies() {
	set, d := policy.Load(l.repo.FS, l.repo.Settings.PoliciesDir, l.opts.Dir)
	l.diags = append(l.diags, d...)
	if set != nil {
		for name, src := range set.Sources() {
			l.repo.sources[name] = src
		}
		if !d.HasErrors() {
			l.repo.Policies = set
		}
	}
}

// DefaultRegistry is the set of built-in provider types.
func DefaultRegistry() *providers.Registry { return builtinRegistry() }

// envAllowed reads the socle block's env_allow, a literal list (it must be known
// before any expression can call env), and returns the check env() applies:
// listed names and SOCLE_VAR_* only.
func (l *loader) envAllowed() func(string) bool {
	allow := map[string]bool{}
	if l.cfg.Socle != nil && l.cfg.Socle.EnvAllow != nil {
		expr := l.cfg.Socle.EnvAllow
		v, d := expr.Value(nil)
		switch {
		case d.HasErrors():
			l.diags = append(l.diags, errorf(expr.Range().Ptr(), "Invalid env_allow", "env_allow must be a literal list of environment variable names, as [\"LEDGER_DSN\"]; it cannot use variables or functions."))
		case !v.Type().IsTupleType() && !v.Type().IsListType():
			l.diags = append(l.diags, errorf(expr.Range().Ptr(), "Invalid env_allow", "env_allow must be a list of environment variable names."))
		default:
			for it := v.ElementIterator(); it.Next(); {
				_, e := it.Element()
				if e.IsNull() || e.Type() != cty.String {
					l.diags = append(l.diags, errorf(expr.Range().Ptr(), "Invalid env_allow", "env_allow must list names as strings."))
					continue
				}
				allow[e.AsString()] = true
			}
		}
	}
	return func(name string) bool {
		return allow[name] || strings.HasPrefix(name, "SOCLE_VAR_")
	}
}
