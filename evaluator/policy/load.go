package policy

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/version"
	"github.com/socle-dev/socle/evaluator/diag"
)

// Denied builtins: they reach the network or the process environment, which a
// policy changed by an untrusted pull request must not.
var deniedBuiltins = []string{"http.send", "net.lookup_ip_addr", "opa.runtime"}

// Capabilities returns OPA's capabilities for this version without the denied
// builtins and with no network host allowed.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	caps.Builtins = slices.DeleteFunc(slices.Clone(caps.Builtins), func(b *ast.Builtin) bool {
		return slices.Contains(deniedBuiltins, b.Name)
	})
	caps.AllowNet = []string{}
	return caps
}

// OPAVersion is the version of the OPA library socle was built with.
func OPAVersion() string { return version.Version }

// Module is one parsed Rego source file.
type Module struct {
	Path    string // repository-relative, slash-separated
	Display string // the name diagnostics use
	Package string // e.g. "socle.aws.iam_mfa"
	SHA256  string // of the source bytes
	Source  []byte
	parsed  *ast.Module
}

// Set is a compiled set of Rego modules.
type Set struct {
	compiler *ast.Compiler
	modules  []*Module           // sorted by Path
	packages map[string]*pkgInfo // by package name
	sha256   string
	sources  map[string][]byte // by display name, failed modules included
}

type pkgInfo struct {
	modules []*Module // the package's own modules and every module it depends on
	sha256  string
	// nondeterministic is set when one of the modules calls a builtin whose
	// result is not a function of its arguments.
	nondeterministic bool
}

// Load parses every *.rego file under root in fsys (recursively; files ending
// in _test.rego are unit tests and are left out), then compiles them once with
// restricted capabilities. displayDir prefixes file names in diagnostics. All
// parse and compile errors are returned, each with file, line and column.
func Load(fsys fs.FS, root, displayDir string) (*Set, hcl.Diagnostics) {
	var diags hcl.Diagnostics
	var paths []string
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != root && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		if d.Type().IsRegular() && strings.HasSuffix(p, ".rego") && !strings.HasSuffix(p, "_test.rego") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Cannot read the policy directory",
			Detail:   fmt.Sprintf("Reading %s: %v. Create it, or set policies in the socle block.", filepath.Join(displayDir, root), err),
		}}
	}
	sort.Strings(paths)

	sources := map[string][]byte{}
	set := &Set{packages: map[string]*pkgInfo{}, sources: sources}
	parsed := map[string]*ast.Module{}
	for _, p := range paths {
		src, err := fs.ReadFile(fsys, p)
		display := filepath.Join(displayDir, filepath.FromSlash(p))
		if err != nil {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read Rego module", Detail: fmt.Sprintf("Reading %s: %v. Check the file's permissions, or move it out of the policy directory.", display, err)})
			continue
		}
		sources[display] = src
		m, err := ast.ParseModuleWithOpts(display, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1, ProcessAnnotation: true})
		if err != nil {
			diags = append(diags, regoDiags(err, "Invalid Rego", sources)...)
			continue
		}
		sum := sha256.Sum256(src)
		mod := &Module{
			Path:    p,
			Display: display,
			Package: strings.TrimPrefix(m.Package.Path.String(), "data."),
			SHA256:  hex.EncodeToString(sum[:]),
			Source:  src,
			parsed:  m,
		}
		set.modules = append(set.modules, mod)
		parsed[display] = m
	}
	if diags.HasErrors() {
		return set, diags
	}

	c := ast.NewCompiler().WithCapabilities(Capabilities()).WithDefaultRegoVersion(ast.RegoV1)
	c.Compile(parsed)
	if c.Failed() {
		return set, regoDiags(c.Errors, "Rego compile error", sources)
	}
	set.compiler = c
	set.index()
	return set, nil
}

// index records, for each package, the modules it uses and their hash.
func (s *Set) index() {
	byPkg := map[string][]*Module{}
	for _, m := range s.modules {
		byPkg[m.Package] = append(byPkg[m.Package], m)
	}
	// deps[m] are the modules whose package m refers to (data.x.y…).
	deps := map[*Module][]*Module{}
	for _, m := range s.modules {
		seen := map[*Module]bool{}
		ast.WalkRefs(m.parsed, func(r ast.Ref) bool {
			if !r.HasPrefix(ast.DefaultRootRef) {
				return false
			}
			prefix := strings.TrimPrefix(r.ConstantPrefix().String(), "data.")
			if prefix == "data" {
				prefix = ""
			}
			for _, other := range s.modules {
				if other != m && !seen[other] && related(prefix, other.Package) {
					seen[other] = true
					deps[m] = append(deps[m], other)
				}
			}
			return false
		})
	}
	for pkg, own := range byPkg {
		closure := map[*Module]bool{}
		queue := slices.Clone(own)
		for len(queue) > 0 {
			m := queue[0]
			queue = queue[1:]
			if closure[m] {
				continue
			}
			closure[m] = true
			queue = append(queue, deps[m]...)
		}
		mods := make([]*Module, 0, len(closure))
		for m := range closure {
			mods = append(mods, m)
		}
		sort.Slice(mods, func(i, j int) bool { return mods[i].Path < mods[j].Path })
		info := &pkgInfo{modules: mods, sha256: hashModules(mods)}
		for _, m := range mods {
			info.nondeterministic = info.nondeterministic || callsNondeterministic(m.parsed)
		}
		s.packages[pkg] = info
	}
	s.sha256 = hashModules(s.modules)
}

// nondeterministic are the builtins whose result is not a function of their
// arguments: OPA marks some Nondeterministic; the others read the clock or a
// random source.
var nondeterministic = func() map[string]bool {
	out := map[string]bool{"rand.intn": true, "io.jwt.decode_verify": true, "crypto.x509.parse_and_verify_certificates": true,
		"crypto.x509.parse_and_verify_certificates_with_options": true}
	for _, b := range ast.Builtins {
		if b.Nondeterministic {
			out[b.Name] = true
		}
	}
	return out
}()

func callsNondeterministic(m *ast.Module) bool {
	found := false
	ast.WalkRefs(m, func(r ast.Ref) bool {
		if !found && nondeterministic[r.String()] {
			found = true
		}
		return found
	})
	return found
}

// Deterministic reports whether what pkg decides is a function of its input
// alone: none of its modules, nor those it depends on, calls a builtin that
// reads the clock or a random source.
func (s *Set) Deterministic(pkg string) bool {
	p, ok := s.packages[pkg]
	return ok && !p.nondeterministic
}

// related tells whether a reference with the given constant prefix can reach
// into package pkg: the prefix names the package or something inside it, or a
// parent of it.
func related(prefix, pkg string) bool {
	if prefix == "" || prefix == pkg {
		return true
	}
	return strings.HasPrefix(prefix, pkg+".") || strings.HasPrefix(prefix, pkg+"[") || strings.HasPrefix(pkg, prefix+".")
}

// hashModules is the sha256 of "sha256  path\n" lines, sorted by path: it
// changes when any module's content or location changes.
func hashModules(mods []*Module) string {
	h := sha256.New()
	for _, m := range mods {
		fmt.Fprintf(h, "%s  %s\n", m.SHA256, m.Path)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// SHA256 is the hash of every module in the set.
func (s *Set) SHA256() string { return s.sha256 }

// Modules returns the modules, sorted by path.
func (s *Set) Modules() []*Module { return s.modules }

// HasPackage tells whether some module defines the package.
func (s *Set) HasPackage(pkg string) bool {
	_, ok := s.packages[pkg]
	return ok
}

// Packages returns every package name, sorted.
func (s *Set) Packages() []string {
	names := make([]string, 0, len(s.packages))
	for n := range s.packages {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// PackageSHA256 is the hash of the modules the package uses (its own and those
// it refers to), the policy version a result records.
func (s *Set) PackageSHA256(pkg string) string {
	if p, ok := s.packages[pkg]; ok {
		return p.sha256
	}
	return ""
}

// PackageModules returns the modules the package uses, sorted by path.
func (s *Set) PackageModules(pkg string) []*Module {
	if p, ok := s.packages[pkg]; ok {
		return p.modules
	}
	return nil
}

// ValidPackageName tells whether name can be a Rego package path.
func ValidPackageName(name string) bool {
	if name == "" {
		return false
	}
	for _, part := range strings.Split(name, ".") {
		if !ast.IsVarCompatibleString(part) || ast.IsKeyword(part) {
			return false
		}
	}
	return true
}

// regoDiags converts OPA errors into diagnostics with positions.
func regoDiags(err error, summary string, sources map[string][]byte) hcl.Diagnostics {
	var errs ast.Errors
	switch e := err.(type) {
	case ast.Errors:
		errs = e
	case *ast.Error:
		errs = ast.Errors{e}
	default:
		return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: summary, Detail: err.Error()}}
	}
	diags := make(hcl.Diagnostics, 0, len(errs))
	for _, e := range errs {
		d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: explain(e)}
		if e.Location != nil && e.Location.File != "" {
			rng := diag.RangeAt(e.Location.File, sources[e.Location.File], e.Location.Row, e.Location.Col, len(firstLine(e.Location.Text)))
			d.Subject = &rng
		}
		diags = append(diags, d)
	}
	return diags
}

func explain(e *ast.Error) string {
	msg := e.Message
	for _, name := range deniedBuiltins {
		if strings.Contains(msg, "undefined function "+name) {
			return fmt.Sprintf("%s. socle evaluates policies without network or environment access, so %s is not available; pass the data the policy needs through a provider instead.", msg, name)
		}
	}
	return msg
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(string(b), "\n")
	return s
}

// Sources returns each module's source keyed by its display name, for the
// diagnostic writer's snippets (modules that failed to parse included).
func (s *Set) Sources() map[string][]byte { return s.sources }

// DefinesRule tells whether the package's own modules define a rule of that
// name (a reperformance infers a conftest-style package from its rules).
func (s *Set) DefinesRule(pkg, name string) bool {
	p, ok := s.packages[pkg]
	if !ok {
		return false
	}
	for _, m := range p.modules {
		if m.Package != pkg || m.parsed == nil {
			continue
		}
		for _, r := range m.parsed.Rules {
			n := r.Head.Name.String()
			if len(r.Head.Reference) > 0 {
				n = r.Head.Reference[0].String()
			}
			if n == name {
				return true
			}
		}
	}
	return false
}
