package config

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/socle-dev/socle/evaluator/addrs"
)

// Load reads every *.hcl file directly in the root of fsys (not recursively) as
// one configuration. dir is the repository directory as the user named it; it
// prefixes file names in diagnostics so they can be opened from the current
// directory. Every problem found is returned, not just the first; the Config is
// returned even with errors so callers can keep checking.
func Load(fsys fs.FS, dir string) (*Config, hcl.Diagnostics) {
	cfg := &Config{
		Files:       map[string]*hcl.File{},
		FileNames:   map[string]string{},
		Variables:   map[string]*Variable{},
		Locals:      map[string]*Local{},
		Objectives:  map[string]*Objective{},
		Providers:   map[addrs.Provider]*Provider{},
		Controls:    map[string]*Control{},
		Waivers:     map[string]*Waiver{},
		CUECs:       map[string]*CUEC{},
		Subservices: map[string]*Subservice{},
		Risks:       map[string]*Risk{},
		Notifies:    map[string]*Notify{},
		Tests:       map[string]*Test{},
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return cfg, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Cannot read the policy repository",
			Detail:   fmt.Sprintf("Reading %s: %v. Check the path and its permissions.", dir, err),
		}}
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".hcl") && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return cfg, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "No configuration files",
			Detail:   fmt.Sprintf("%s holds no *.hcl file. Point socle at a policy repository, or start one: socle init %s scaffolds one from the SOC 1 catalog, and docs/getting-started.md writes a small one by hand.", dir, dir),
		}}
	}

	var diags hcl.Diagnostics
	parser := hclparse.NewParser()
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		display := filepath.Join(dir, name)
		if err != nil {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Cannot read configuration file",
				Detail:   fmt.Sprintf("Reading %s: %v. Check the file's permissions, or move it out of the repository.", display, err),
			})
			continue
		}
		f, fdiags := parser.ParseHCL(src, display)
		diags = append(diags, fdiags...)
		if f == nil {
			continue
		}
		cfg.Files[display] = f
		cfg.FileNames[display] = name
		diags = append(diags, cfg.decodeFile(f)...)
	}
	diags = append(diags, cfg.loadTestFiles(fsys, dir, parser)...)
	return cfg, diags
}

// TestDir is the directory, relative to the repository, whose *.hcl files hold
// test blocks (and nothing else), like Terraform's tests/.
const TestDir = "tests"

// loadTestFiles reads tests/*.hcl: test blocks only, so a test file cannot
// change what eval evaluates.
func (c *Config) loadTestFiles(fsys fs.FS, dir string, parser *hclparse.Parser) hcl.Diagnostics {
	entries, err := fs.ReadDir(fsys, TestDir)
	if err != nil {
		return nil // no tests directory
	}
	var diags hcl.Diagnostics
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".hcl") || strings.HasPrefix(name, ".") {
			continue
		}
		rel := TestDir + "/" + name
		display := filepath.Join(dir, TestDir, name)
		src, err := fs.ReadFile(fsys, rel)
		if err != nil {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Cannot read test file",
				Detail:   fmt.Sprintf("Reading %s: %v. Check the file's permissions, or move it out of tests/.", display, err),
			})
			continue
		}
		f, fdiags := parser.ParseHCL(src, display)
		diags = append(diags, fdiags...)
		if f == nil {
			continue
		}
		c.Files[display] = f
		c.FileNames[display] = rel
		content, d := f.Body.Content(testFileSchema)
		for _, dd := range d {
			if dd.Summary == "Unsupported block type" || dd.Summary == "Unsupported argument" {
				dd.Detail = fmt.Sprintf("Files under %s/ hold test blocks only; move other blocks to a *.hcl file at the repository's root.", TestDir)
			}
		}
		diags = append(diags, d...)
		for _, block := range content.Blocks {
			diags = append(diags, c.addTest(block)...)
		}
	}
	return diags
}

func (c *Config) addTest(block *hcl.Block) hcl.Diagnostics {
	t, diags := decodeTestBlock(block)
	if t == nil {
		return diags
	}
	if prev, ok := c.Tests[t.Name]; ok {
		return append(diags, duplicate("test", t.Name, prev.DeclRange, t.DeclRange))
	}
	c.Tests[t.Name] = t
	return diags
}

// decodeFile adds the blocks of one file to the configuration.
func (c *Config) decodeFile(f *hcl.File) hcl.Diagnostics {
	content, diags := f.Body.Content(rootSchema)
	for _, block := range content.Blocks {
		switch block.Type {
		case "socle":
			s, d := decodeSocleBlock(block)
			diags = append(diags, d...)
			if c.Socle != nil {
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Duplicate socle block",
					Detail:   fmt.Sprintf("A socle block was already declared at %s. Keep one socle block per repository.", c.Socle.DeclRange),
					Subject:  block.DefRange.Ptr(),
				})
				continue
			}
			c.Socle = s
		case "variable":
			v, d := decodeVariableBlock(block)
			diags = append(diags, d...)
			if v == nil {
				continue
			}
			if prev, ok := c.Variables[v.Name]; ok {
				diags = append(diags, duplicate("variable", v.Name, prev.DeclRange, v.DeclRange))
				continue
			}
			c.Variables[v.Name] = v
		case "locals":
			ls, d := decodeLocalsBlock(block)
			diags = append(diags, d...)
			for _, l := range ls {
				if prev, ok := c.Locals[l.Name]; ok {
					diags = append(diags, duplicate("local value", l.Name, prev.DeclRange, l.DeclRange))
					continue
				}
				c.Locals[l.Name] = l
			}
		case "objective":
			o, d := decodeObjectiveBlock(block)
			diags = append(diags, d...)
			if o == nil {
				continue
			}
			if prev, ok := c.Objectives[o.Name]; ok {
				diags = append(diags, duplicate("objective", o.Name, prev.DeclRange, o.DeclRange))
				continue
			}
			c.Objectives[o.Name] = o
		case "provider":
			p, d := decodeProviderBlock(block)
			diags = append(diags, d...)
			if p == nil {
				continue
			}
			if prev, ok := c.Providers[p.Addr]; ok {
				what := fmt.Sprintf("A provider %q without alias", p.Addr.Type)
				if p.Addr.Alias != "" {
					what = fmt.Sprintf("A provider %q with alias %q", p.Addr.Type, p.Addr.Alias)
				}
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Duplicate provider",
					Detail:   fmt.Sprintf("%s was already declared at %s. Give each instance of a type its own alias.", what, prev.DeclRange),
					Subject:  p.DeclRange.Ptr(),
				})
				continue
			}
			c.Providers[p.Addr] = p
		case "control":
			ctl, d := decodeControlBlock(block)
			diags = append(diags, d...)
			if ctl == nil {
				continue
			}
			if prev, ok := c.Controls[ctl.Name]; ok {
				diags = append(diags, duplicate("control", ctl.Name, prev.DeclRange, ctl.DeclRange))
				continue
			}
			c.Controls[ctl.Name] = ctl
		case "waiver":
			w, d := decodeWaiverBlock(block)
			diags = append(diags, d...)
			if w == nil {
				continue
			}
			if prev, ok := c.Waivers[w.Name]; ok {
				diags = append(diags, duplicate("waiver", w.Name, prev.DeclRange, w.DeclRange))
				continue
			}
			c.Waivers[w.Name] = w
		case "cuec":
			u, d := decodeCUECBlock(block)
			diags = append(diags, d...)
			if u == nil {
				continue
			}
			if prev, ok := c.CUECs[u.Name]; ok {
				diags = append(diags, duplicate("cuec", u.Name, prev.DeclRange, u.DeclRange))
				continue
			}
			c.CUECs[u.Name] = u
		case "subservice":
			s, d := decodeSubserviceBlock(block)
			diags = append(diags, d...)
			if s == nil {
				continue
			}
			if prev, ok := c.Subservices[s.Name]; ok {
				diags = append(diags, duplicate("subservice", s.Name, prev.DeclRange, s.DeclRange))
				continue
			}
			c.Subservices[s.Name] = s
		case "risk":
			r, d := decodeRiskBlock(block)
			diags = append(diags, d...)
			if r == nil {
				continue
			}
			if prev, ok := c.Risks[r.Name]; ok {
				diags = append(diags, duplicate("risk", r.Name, prev.DeclRange, r.DeclRange))
				continue
			}
			c.Risks[r.Name] = r
		case "test":
			diags = append(diags, c.addTest(block)...)
		case "notify":
			n, d := decodeNotifyBlock(block)
			diags = append(diags, d...)
			if n == nil {
				continue
			}
			if prev, ok := c.Notifies[n.Name]; ok {
				diags = append(diags, duplicate("notify", n.Name, prev.DeclRange, n.DeclRange))
				continue
			}
			c.Notifies[n.Name] = n
		}
	}
	return diags
}

func duplicate(kind, name string, prev, this hcl.Range) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  fmt.Sprintf("Duplicate %s %q", kind, name),
		Detail:   fmt.Sprintf("A %s named %q was already declared at %s. Each %s needs a unique name.", kind, name, prev, kind),
		Subject:  this.Ptr(),
	}
}
