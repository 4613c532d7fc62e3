package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// locate sets the "source" of each resource of the normalized document whose
// block the configuration declares, and returns how many it found. A
// resource is matched by its module path, mode, type and name: the instances
// of a count or for_each block share its location, and
// module.a.module.b.aws_x.y[0] is the block resource "aws_x" "y" of the
// module that module block b of module a calls.
func (c *configuration) locate(resources map[string]any) int {
	modules := map[string]*module{} // module address → module; nil when unknown
	found := 0
	for _, v := range resources {
		r := v.(map[string]any)
		addr := r["module"].(string)
		m, seen := modules[addr]
		if !seen {
			m = c.lookup(addr)
			modules[addr] = m
		}
		if m == nil {
			continue
		}
		key := blockKey{mode: r["mode"].(string), typ: r["type"].(string), name: r["name"].(string)}
		if loc := m.resources[key]; loc != nil {
			r["source"] = loc
			found++
		}
	}
	return found
}

// lookup returns the module of the module instance address addr ("" for the
// root module), nil when it is not in the configuration socle read.
func (c *configuration) lookup(addr string) *module {
	calls, ok := moduleCalls(addr)
	if !ok || c.root == nil {
		return nil
	}
	m := c.root
	for _, name := range calls {
		mc := m.calls[name]
		if mc == nil || mc.module == nil {
			return nil
		}
		m = mc.module
	}
	return m
}

// moduleCalls returns the names of the module blocks a module instance
// address goes through, from the root: module.a["x"].module.b[0] is [a b],
// "" (the root module) is none. The address is parsed as the traversal it
// is, so that an instance key holding dots or brackets is read as one key.
// ok is false when addr is not a module instance address.
func moduleCalls(addr string) (names []string, ok bool) {
	if addr == "" {
		return nil, true
	}
	traversal, diags := hclsyntax.ParseTraversalAbs([]byte(addr), "", hcl.InitialPos)
	if diags.HasErrors() {
		return nil, false
	}
	for i := 0; i < len(traversal); {
		// Each step is: module, the call's name, an optional instance key.
		var keyword string
		switch s := traversal[i].(type) {
		case hcl.TraverseRoot:
			keyword = s.Name
		case hcl.TraverseAttr:
			keyword = s.Name
		}
		if keyword != "module" || i+1 >= len(traversal) {
			return nil, false
		}
		name, isAttr := traversal[i+1].(hcl.TraverseAttr)
		if !isAttr {
			return nil, false
		}
		names = append(names, name.Name)
		i += 2
		if i < len(traversal) {
			if _, isKey := traversal[i].(hcl.TraverseIndex); isKey {
				i++
			}
		}
	}
	return names, true
}
