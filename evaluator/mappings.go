package evaluator

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/frameworks"
	"github.com/zclconf/go-cty/cty"
)

// mappingsHelp is how a mappings attribute is written.
const mappingsHelp = `mappings is a map from a framework name to a list of its identifiers, as { soc2 = ["CC6.1", "CC6.2"], iso27001 = ["A.5.15", "A.8.5"] }`

// mappings reads a control's or an objective's mappings attribute: framework
// name → identifiers, each checked against the framework's list, sorted in
// the standard's order, without duplicates. It is evaluated once per block.
func (l *loader) mappings(expr hcl.Expression) map[string][]string {
	if expr == nil {
		return nil
	}
	out := map[string][]string{}
	pairs, d := hcl.ExprMap(expr)
	if d.HasErrors() {
		// Not written out: evaluate it whole (a local, a variable).
		v, ok := l.eval(expr, nil, cty.Map(cty.List(cty.String)), "mappings")
		if !ok {
			return nil
		}
		for it := v.ElementIterator(); it.Next(); {
			k, ids := it.Element()
			f := l.framework(k.AsString(), expr.Range())
			if f == nil {
				continue
			}
			for it2 := ids.ElementIterator(); it2.Next(); {
				_, id := it2.Element()
				l.addMapping(out, f, id.AsString(), expr.Range())
			}
		}
		return sortMappings(out)
	}
	for _, kv := range pairs {
		name := hcl.ExprAsKeyword(kv.Key)
		if name == "" {
			v, ok := l.eval(kv.Key, nil, cty.String, "mappings")
			if !ok {
				continue
			}
			name = v.AsString()
		}
		f := l.framework(name, kv.Key.Range())
		if f == nil {
			continue
		}
		elems, d := hcl.ExprList(kv.Value)
		if d.HasErrors() {
			v, ok := l.eval(kv.Value, nil, cty.List(cty.String), "mappings")
			if !ok {
				continue
			}
			for it := v.ElementIterator(); it.Next(); {
				_, id := it.Element()
				l.addMapping(out, f, id.AsString(), kv.Value.Range())
			}
			continue
		}
		if _, seen := out[f.Name]; !seen {
			out[f.Name] = []string{}
		}
		for _, e := range elems {
			v, ok := l.eval(e, nil, cty.String, "mappings")
			if !ok {
				continue
			}
			l.addMapping(out, f, v.AsString(), e.Range())
		}
	}
	return sortMappings(out)
}

// framework resolves a framework name, reporting an unknown one.
func (l *loader) framework(name string, rng hcl.Range) *frameworks.Framework {
	f, ok := frameworks.Lookup(name)
	if !ok {
		l.diags = append(l.diags, errorf(rng.Ptr(), "Unknown framework",
			"socle has no framework named %q; it knows %s.%s", name, strings.Join(frameworks.Names(), " and "), addrs.Suggest(name, frameworks.Names())))
	}
	return f
}

// addMapping adds an identifier, reporting one the framework does not have.
func (l *loader) addMapping(out map[string][]string, f *frameworks.Framework, id string, rng hcl.Range) {
	if _, ok := f.Criterion(id); !ok {
		hint := ""
		if n, ok := f.Normalize(id); ok {
			hint = fmt.Sprintf(" Did you mean %q?", n)
		} else {
			hint = addrs.Suggest(id, f.IDs())
		}
		l.diags = append(l.diags, errorf(rng.Ptr(), "Unknown "+f.Name+" identifier",
			"%q is not an identifier of the %s.%s socle matrix --framework %s lists them all.", id, f.Title, hint, f.Name))
		return
	}
	if !slices.Contains(out[f.Name], id) {
		out[f.Name] = append(out[f.Name], id)
	}
}

func sortMappings(m map[string][]string) map[string][]string {
	for name, ids := range m {
		f, _ := frameworks.Lookup(name)
		slices.SortFunc(ids, f.Compare)
	}
	return m
}
