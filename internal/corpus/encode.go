package corpus

import (
	"slices"
	"strings"
)

// encoded holds one instance's value trees, each encoded once and written
// wherever the plan repeats it (planned_values, resource_changes, prior_state).
type encoded struct {
	after, afterSensitive, afterUnknown []byte
	before, beforeSensitive             []byte
}

// module is a node of the planned_values or prior_state module tree.
type module struct {
	addr      string
	resources []*instance
	children  map[string]*module
}

func (m *module) child(addr string) *module {
	if m.children == nil {
		m.children = map[string]*module{}
	}
	c, ok := m.children[addr]
	if !ok {
		c = &module{addr: addr}
		m.children[addr] = c
	}
	return c
}

func moduleTree(insts []*instance) *module {
	root := &module{}
	for _, in := range insts {
		m := root
		for i := range in.module {
			m = m.child(moduleAddress(in.module[:i+1]))
		}
		m.resources = append(m.resources, in)
	}
	return root
}

type planWriter struct {
	encoder
	insts []*instance
	enc   map[*instance]*encoded
}

func (g *generator) encode() []byte {
	w := &planWriter{insts: g.insts, enc: make(map[*instance]*encoded, len(g.insts))}
	for _, in := range g.insts {
		w.enc[in] = w.encodeValues(in)
	}
	// Size the buffer from what each instance contributes (planned_values,
	// resource_changes, prior_state) so the plan is written without regrowing.
	size := 64 << 10
	for in, e := range w.enc {
		size += 2*(len(e.after)+len(e.before)+len(e.afterSensitive)+len(e.beforeSensitive)) +
			len(e.afterUnknown) + 3*len(in.addr) + 2*len(in.moduleAddr) + 3*len(in.typ) + 3*len(in.name) + 600
	}
	w.buf = make([]byte, 0, size+size/32)

	var planned, prior []*instance
	for _, in := range g.insts {
		if in.after != nil {
			planned = append(planned, in)
		}
		if in.before != nil {
			prior = append(prior, in)
		}
	}

	w.raw(`{"format_version":"1.2","terraform_version":"` + terraformVersion + `",`)
	w.raw(`"variables":{"account_id":{"value":"` + accountID + `"},"environment":{"value":"prod"},"region":{"value":"` + awsRegion + `"}},`)
	w.raw(`"planned_values":{"root_module":`)
	w.module(moduleTree(planned), false)
	w.raw(`},"resource_changes":[`)
	changes := slices.Clone(g.insts)
	slices.SortFunc(changes, compareInstances)
	for i, in := range changes {
		if i > 0 {
			w.byte(',')
		}
		w.change(in)
	}
	w.raw(`],"prior_state":{"format_version":"1.0","terraform_version":"` + terraformVersion + `","values":{"root_module":`)
	w.module(moduleTree(prior), true)
	w.raw(`}},"configuration":`)
	w.configuration()
	w.raw(`,"timestamp":"` + planTimestamp + `","applyable":true,"complete":true,"errored":false}`)
	w.byte('\n')
	return w.buf
}

func (w *planWriter) encodeValues(in *instance) *encoded {
	e := &encoded{}
	if in.after != nil {
		e.after = w.encodeWith(func() { w.value(in.after, 0) })
		e.afterSensitive = w.encodeWith(func() { w.sensitive(in.after, 0) })
		e.afterUnknown = w.encodeWith(func() { w.unknowns(in.after) })
	}
	switch {
	case in.before == nil:
	case in.act == actNoop: // before and after are the same map
		e.before, e.beforeSensitive = e.after, e.afterSensitive
	default:
		e.before = w.encodeWith(func() { w.value(in.before, 0) })
		e.beforeSensitive = w.encodeWith(func() { w.sensitive(in.before, 0) })
	}
	return e
}

// module writes a planned_values or prior_state module and its descendants.
func (w *planWriter) module(m *module, state bool) {
	w.byte('{')
	first := true
	if len(m.resources) > 0 {
		w.field("resources", first)
		first = false
		w.byte('[')
		for i, in := range sortedByAddress(m.resources) {
			if i > 0 {
				w.byte(',')
			}
			w.resource(in, state)
		}
		w.byte(']')
	}
	if m.addr != "" {
		w.field("address", first)
		first = false
		w.string(m.addr)
	}
	if len(m.children) > 0 {
		w.field("child_modules", first)
		w.byte('[')
		addrs := make([]string, 0, len(m.children))
		for a := range m.children {
			addrs = append(addrs, a)
		}
		slices.Sort(addrs)
		for i, a := range addrs {
			if i > 0 {
				w.byte(',')
			}
			w.module(m.children[a], state)
		}
		w.byte(']')
	}
	w.byte('}')
}

func (w *planWriter) header(in *instance, withModule bool) {
	w.raw(`{"address":`)
	w.string(in.addr)
	if withModule && in.moduleAddr != "" {
		w.raw(`,"module_address":`)
		w.string(in.moduleAddr)
	}
	if in.data {
		w.raw(`,"mode":"data","type":`)
	} else {
		w.raw(`,"mode":"managed","type":`)
	}
	w.string(in.typ)
	w.raw(`,"name":`)
	w.string(in.name)
	switch k := in.key.(type) {
	case int:
		w.raw(`,"index":`)
		w.int(k)
	case string:
		w.raw(`,"index":`)
		w.string(k)
	}
	w.raw(`,"provider_name":"` + awsProviderName + `"`)
}

// resource writes a planned_values resource (values after the plan) or a
// prior_state resource (values before it).
func (w *planWriter) resource(in *instance, state bool) {
	e := w.enc[in]
	w.header(in, false)
	w.raw(`,"schema_version":0,"values":`)
	if state {
		w.buf = append(w.buf, e.before...)
		w.raw(`,"sensitive_values":`)
		w.buf = append(w.buf, e.beforeSensitive...)
	} else {
		w.buf = append(w.buf, e.after...)
		w.raw(`,"sensitive_values":`)
		w.buf = append(w.buf, e.afterSensitive...)
	}
	w.byte('}')
}

var actionNames = map[action]string{
	actNoop:    `["no-op"]`,
	actUpdate:  `["update"]`,
	actCreate:  `["create"]`,
	actReplace: `["delete","create"]`,
	actDelete:  `["delete"]`,
	actRead:    `["read"]`,
}

// change writes one resource_changes entry.
func (w *planWriter) change(in *instance) {
	e := w.enc[in]
	w.header(in, true)
	w.raw(`,"change":{"actions":`)
	w.raw(actionNames[in.act])
	w.raw(`,"before":`)
	if e.before == nil {
		w.raw("null")
	} else {
		w.buf = append(w.buf, e.before...)
	}
	w.raw(`,"after":`)
	if e.after == nil {
		w.raw(`null,"after_unknown":{}`)
	} else {
		w.buf = append(w.buf, e.after...)
		w.raw(`,"after_unknown":`)
		w.buf = append(w.buf, e.afterUnknown...)
	}
	w.raw(`,"before_sensitive":`)
	if e.beforeSensitive == nil {
		w.raw("false")
	} else {
		w.buf = append(w.buf, e.beforeSensitive...)
	}
	w.raw(`,"after_sensitive":`)
	if e.afterSensitive == nil {
		w.raw("false")
	} else {
		w.buf = append(w.buf, e.afterSensitive...)
	}
	if in.act == actReplace {
		w.raw(`,"replace_paths":[["ami"]]`)
	}
	w.byte('}')
	switch {
	case in.act == actReplace:
		w.raw(`,"action_reason":"replace_because_cannot_update"`)
	case in.act == actRead:
		w.raw(`,"action_reason":"read_because_config_unknown"`)
	case in.act == actDelete && in.key != nil:
		w.raw(`,"action_reason":"delete_because_each_key"`)
	case in.act == actDelete:
		w.raw(`,"action_reason":"delete_because_no_resource_config"`)
	}
	w.byte('}')
}

// configModule is a module of the configuration: resource blocks (not
// instances) and module calls.
type configModule struct {
	blocks map[string]configBlock // by address within the module
	calls  map[string]*configCall
}

type configBlock struct {
	data      bool
	typ, name string
	repeat    string // "", "count" or "for_each"
}

type configCall struct {
	forEach bool
	module  *configModule
}

func newConfigModule() *configModule {
	return &configModule{blocks: map[string]configBlock{}, calls: map[string]*configCall{}}
}

// configuration writes a minimal "configuration": the provider, the root
// module's variables, and every resource block and module call the plan's
// instances come from. Deleted instances have no configuration left.
func (w *planWriter) configuration() {
	root := newConfigModule()
	for _, in := range w.insts {
		if in.act == actDelete {
			continue
		}
		m := root
		for _, s := range in.module {
			c, ok := m.calls[s.name]
			if !ok {
				c = &configCall{forEach: s.key != nil, module: newConfigModule()}
				m.calls[s.name] = c
			}
			m = c.module
		}
		b := configBlock{data: in.data, typ: in.typ, name: in.name}
		switch in.key.(type) {
		case int:
			b.repeat = "count"
		case string:
			b.repeat = "for_each"
		}
		addr := in.typ + "." + in.name
		if in.data {
			addr = "data." + addr
		}
		m.blocks[addr] = b
	}
	w.raw(`{"provider_config":{"aws":{"name":"aws","full_name":"` + awsProviderName + `","version_constraint":"~> 5.70","expressions":{"region":{"references":["var.region"]}}}},"root_module":`)
	w.configModule(root, true)
	w.byte('}')
}

func (w *planWriter) configModule(m *configModule, root bool) {
	w.byte('{')
	first := true
	if len(m.blocks) > 0 {
		w.field("resources", first)
		first = false
		w.byte('[')
		addrs := make([]string, 0, len(m.blocks))
		for a := range m.blocks {
			addrs = append(addrs, a)
		}
		slices.Sort(addrs)
		for i, a := range addrs {
			b := m.blocks[a]
			if i > 0 {
				w.byte(',')
			}
			w.raw(`{"address":`)
			w.string(a)
			if b.data {
				w.raw(`,"mode":"data","type":`)
			} else {
				w.raw(`,"mode":"managed","type":`)
			}
			w.string(b.typ)
			w.raw(`,"name":`)
			w.string(b.name)
			w.raw(`,"provider_config_key":"aws","schema_version":0`)
			switch b.repeat {
			case "count":
				w.raw(`,"count_expression":{"references":["var.instance_count"]}`)
			case "for_each":
				w.raw(`,"for_each_expression":{"references":["var.` + strings.TrimPrefix(b.typ, "aws_") + `s"]}`)
			}
			w.byte('}')
		}
		w.byte(']')
	}
	if len(m.calls) > 0 {
		w.field("module_calls", first)
		first = false
		w.byte('{')
		names := make([]string, 0, len(m.calls))
		for n := range m.calls {
			names = append(names, n)
		}
		slices.Sort(names)
		for i, n := range names {
			c := m.calls[n]
			if i > 0 {
				w.byte(',')
			}
			w.string(n)
			w.raw(`:{"source":"./modules/` + n + `"`)
			if c.forEach {
				w.raw(`,"for_each_expression":{"references":["var.apps"]}`)
			}
			w.raw(`,"module":`)
			w.configModule(c.module, false)
			w.byte('}')
		}
		w.byte('}')
	}
	if root {
		w.field("variables", first)
		w.raw(`{"account_id":{"default":"` + accountID + `"},"environment":{"default":"prod"},"region":{"default":"` + awsRegion + `"}}`)
	}
	w.byte('}')
}
