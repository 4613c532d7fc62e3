package terraform

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/socle-dev/socle/providers"
)

// configuration is what socle knows of the Terraform configuration that a
// provider block's source names: where each resource block of its root
// module is declared and, through the module blocks with a local source,
// those of the modules it calls, recursively.
type configuration struct {
	fsys     fs.FS
	root     *module            // nil when the source directory cannot be read
	modules  map[string]*module // by directory, each read once
	queue    []*module          // modules left to read
	files    []string           // the configuration files read
	warnings []*providers.SourceError
}

// module is one module directory.
type module struct {
	dir string
	// via says which module block calls it, for messages; "" for the root.
	via string
	// resources maps each resource or data block to its location, the
	// {"file", "line"} object of the normalized document. Every instance of
	// the block (count, for_each), and of the module, shares it.
	resources map[blockKey]map[string]any
	calls     map[string]*moduleCall
}

// moduleCall is a module block: the module it calls, nil when the source is
// not a local directory (a registry or git address, say) or cannot be read.
type moduleCall struct {
	source       string
	file         string // where the source (or the block) is written
	line, column int
	module       *module
}

func (mc *moduleCall) at() string { return fmt.Sprintf("%s:%d", mc.file, mc.line) }

// readConfiguration reads the configuration files of directory dir of fsys
// (the policy repository) and of the local modules they call. Problems are
// warnings, never errors: the plan or state is usable without locations. The
// only error is ctx's.
func readConfiguration(ctx context.Context, fsys fs.FS, dir string) (*configuration, error) {
	c := &configuration{fsys: fsys, modules: map[string]*module{}}
	st, err := fs.Stat(fsys, dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		c.warn(dir, 0, 0, "Terraform configuration not found",
			fmt.Sprintf("source names %q, which does not exist in the policy repository; set it to the directory of the configuration's .tf files, or remove it: resources have no source location", dir))
	case err != nil:
		c.warn(dir, 0, 0, "Terraform configuration not read", fmt.Sprintf("%v; resources have no source location", err))
	case !st.IsDir():
		c.warn(dir, 0, 0, "Terraform configuration not found",
			fmt.Sprintf("source names %q, which is a file; set it to the directory of the configuration's .tf files: resources have no source location", dir))
	default:
		c.root = c.module(dir, "")
	}
	for len(c.queue) > 0 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		m := c.queue[0]
		c.queue = c.queue[1:]
		c.read(m)
	}
	return c, nil
}

// module returns the module of directory dir, queued to be read the first
// time it is asked for. A directory is read once however many module blocks
// call it, which also ends a module calling itself.
func (c *configuration) module(dir, via string) *module {
	if m := c.modules[dir]; m != nil {
		return m
	}
	m := &module{dir: dir, via: via, resources: map[blockKey]map[string]any{}, calls: map[string]*moduleCall{}}
	c.modules[dir] = m
	c.queue = append(c.queue, m)
	return m
}

func (c *configuration) warn(file string, line, column int, summary, detail string) {
	c.warnings = append(c.warnings, &providers.SourceError{File: file, Line: line, Column: column, Summary: summary, Detail: detail})
}

// read reads the configuration files of module m, as Terraform does: the
// .tf and .tf.json files of its directory (not of its subdirectories), the
// override files after the others.
func (c *configuration) read(m *module) {
	entries, err := fs.ReadDir(c.fsys, m.dir)
	if err != nil {
		c.warn(m.dir, 0, 0, "Terraform configuration not read", fmt.Sprintf("%v; %s", err, m.lost()))
		return
	}
	var primary, overrides []string
	for _, e := range entries {
		if !e.Type().IsRegular() || !isConfigFile(e.Name()) {
			continue
		}
		name := path.Join(m.dir, e.Name())
		if isOverride(e.Name()) {
			overrides = append(overrides, name)
		} else {
			primary = append(primary, name)
		}
	}
	if len(primary)+len(overrides) == 0 {
		c.warn(m.dir, 0, 0, "No Terraform configuration file",
			fmt.Sprintf("the directory holds no .tf or .tf.json file; %s", m.lost()))
		return
	}
	sources := map[string]string{} // module call → source, after overrides
	var order []string
	for _, name := range primary {
		content := c.parse(name)
		for _, d := range content.declarations {
			if first := m.resources[d.key]; first != nil {
				c.warn(name, d.line, d.column, "Duplicate resource",
					fmt.Sprintf("%s was already declared at %s:%s; the first declaration is its source location", d.key, first["file"], first["line"]))
				continue
			}
			m.resources[d.key] = map[string]any{"file": name, "line": json.Number(strconv.Itoa(d.line))}
		}
		for _, call := range content.calls {
			if first := m.calls[call.name]; first != nil {
				c.warn(name, call.block.Start.Line, call.block.Start.Column, "Duplicate module call",
					fmt.Sprintf("module %q was already declared at %s; the first declaration is used", call.name, first.at()))
				continue
			}
			m.calls[call.name] = &moduleCall{file: name, line: call.at.Start.Line, column: call.at.Start.Column}
			order = append(order, call.name)
			if call.hasSource {
				sources[call.name] = call.source
			}
		}
	}
	// An override file changes the blocks the other files declare (a
	// resource keeps the location of its declaration), and may change a
	// module's source.
	for _, name := range overrides {
		for _, call := range c.parse(name).calls {
			if m.calls[call.name] != nil && call.hasSource {
				sources[call.name] = call.source
			}
		}
	}
	for _, name := range order {
		if src, ok := sources[name]; ok {
			c.call(m, name, src)
		}
	}
}

// parse reads and parses one configuration file; a problem is a warning and
// an empty content.
func (c *configuration) parse(name string) *fileContent {
	data, err := fs.ReadFile(c.fsys, name)
	if err == nil {
		data, err = providers.TrimBOM(name, data)
	}
	if err != nil {
		var se *providers.SourceError
		if !errors.As(err, &se) {
			se = &providers.SourceError{File: name, Summary: "Terraform configuration not read", Detail: err.Error()}
		}
		se.Detail += "; resources declared in this file have no source location"
		c.warnings = append(c.warnings, se)
		return &fileContent{}
	}
	c.files = append(c.files, name)
	content, warnings := parseFile(name, data)
	c.warnings = append(c.warnings, warnings...)
	return content
}

// call resolves the source of module block name of module m. A local path
// ("./…", "../…") is read from the repository; any other source (the
// registry, git, a URL) is a module socle does not have, and is skipped.
func (c *configuration) call(m *module, name, source string) {
	mc := m.calls[name]
	mc.source = source
	slashed := strings.ReplaceAll(source, `\`, "/")
	if !strings.HasPrefix(slashed, "./") && !strings.HasPrefix(slashed, "../") {
		return
	}
	dir := path.Join(m.dir, slashed)
	if dir == ".." || strings.HasPrefix(dir, "../") {
		c.warn(mc.file, mc.line, mc.column, "Module outside the policy repository",
			fmt.Sprintf("module %q calls %q, which leaves the policy repository; socle reads only files inside it: the module's resources have no source location", name, source))
		return
	}
	st, err := fs.Stat(c.fsys, dir)
	if err != nil || !st.IsDir() {
		c.warn(mc.file, mc.line, mc.column, "Module not found",
			fmt.Sprintf("module %q calls %q, but %s is not a directory of the policy repository; the module's resources have no source location", name, source, dir))
		return
	}
	mc.module = c.module(dir, fmt.Sprintf("module %q (%s)", name, mc.at()))
}

// lost says what a module that cannot be read costs.
func (m *module) lost() string {
	if m.via == "" {
		return "resources have no source location"
	}
	return "the resources of " + m.via + " have no source location"
}

func (k blockKey) String() string {
	if k.mode == "data" {
		return fmt.Sprintf("data %q %q", k.typ, k.name)
	}
	return fmt.Sprintf("resource %q %q", k.typ, k.name)
}
