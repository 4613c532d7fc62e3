package plugin

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2/hcldec"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Schema is what a plug-in answers to the schema request: the attributes of
// its provider block and the modes it supports.
type Schema struct {
	// Attributes by name.
	Attributes map[string]*Attribute
	// Load and Collect tell which requests the plug-in answers.
	Load, Collect bool
	// Version is the plug-in's own version, if it says; it is recorded in
	// each document's Params as "plugin_version".
	Version string
	// Description says what the plug-in reads, for documentation.
	Description string
}

// Attribute is one attribute of a plug-in's provider block.
type Attribute struct {
	// Type is the attribute's type as the plug-in wrote it ("list(string)"),
	// and Cty the type HCL converts the value to.
	Type        string
	Cty         cty.Type
	Required    bool
	Description string
}

// reserved are the provider block arguments socle itself owns: the
// configuration layer takes them out before the block reaches a provider type.
var reserved = []string{"alias", "max_age", "expect"}

// maxTypeDepth bounds how deeply types nest: list(map(list(string))) is 3.
const maxTypeDepth = 8

// parseType reads a type as the protocol writes it: string, number, bool,
// any, list(T) or map(T), where T is again a type.
func parseType(s string) (cty.Type, error) {
	return parseTypeDepth(s, 0)
}

func parseTypeDepth(s string, depth int) (cty.Type, error) {
	s = strings.TrimSpace(s)
	switch s {
	case "string":
		return cty.String, nil
	case "number":
		return cty.Number, nil
	case "bool":
		return cty.Bool, nil
	case "any":
		return cty.DynamicPseudoType, nil
	}
	for _, c := range []struct {
		name string
		make func(cty.Type) cty.Type
	}{{"list", cty.List}, {"map", cty.Map}} {
		rest, ok := strings.CutPrefix(s, c.name)
		if !ok {
			continue
		}
		rest = strings.TrimSpace(rest)
		if !strings.HasPrefix(rest, "(") || !strings.HasSuffix(rest, ")") {
			break
		}
		if depth >= maxTypeDepth {
			return cty.NilType, fmt.Errorf("types nest at most %d deep", maxTypeDepth)
		}
		elem, err := parseTypeDepth(rest[1:len(rest)-1], depth+1)
		if err != nil {
			return cty.NilType, err
		}
		return c.make(elem), nil
	}
	return cty.NilType, fmt.Errorf("%q is not a type; the types are string, number, bool, any, list(T) and map(T)", s)
}

// spec is the hcldec specification of a provider block of this schema.
func (s *Schema) spec() hcldec.ObjectSpec {
	spec := make(hcldec.ObjectSpec, len(s.Attributes))
	for name, a := range s.Attributes {
		spec[name] = &hcldec.AttrSpec{Name: name, Type: a.Cty, Required: a.Required}
	}
	return spec
}

// Names returns the attribute names, sorted.
func (s *Schema) Names() []string {
	names := make([]string, 0, len(s.Attributes))
	for n := range s.Attributes {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// decodeSchema reads a plug-in's answer to the schema request: a schema, or
// the error the plug-in reports (reported). err is a response socle cannot
// read.
func decodeSchema(out []byte) (s *Schema, reported, err error) {
	top, err := response(out)
	if err != nil {
		return nil, nil, err
	}
	m, ferr := top.members("protocol", "attributes", "modes", "version", "description", "error")
	if ferr != nil {
		return nil, nil, invalid(out, ferr)
	}
	if e, ok := m["error"]; ok {
		reported, ferr := errorResponse(e, m, "attributes", "modes", "version", "description")
		if ferr != nil {
			return nil, nil, invalid(out, ferr)
		}
		return nil, reported, nil
	}
	s = &Schema{Attributes: map[string]*Attribute{}}
	attrs, ok := m["attributes"]
	if !ok {
		return nil, nil, invalid(out, top.errorf(`has no "attributes" member; write "attributes": {} for a provider block without attributes`))
	}
	names, vals, ferr := attrs.entries()
	if ferr != nil {
		return nil, nil, invalid(out, ferr)
	}
	for i, name := range names {
		a, ferr := decodeAttribute(name, vals[i])
		if ferr != nil {
			return nil, nil, invalid(out, ferr)
		}
		s.Attributes[name] = a
	}
	modes, ok := m["modes"]
	if !ok {
		return nil, nil, invalid(out, top.errorf(`has no "modes" member; write "modes": ["load"], ["collect"] or ["load", "collect"]`))
	}
	elems, ferr := modes.elements()
	if ferr != nil {
		return nil, nil, invalid(out, ferr)
	}
	if len(elems) == 0 {
		return nil, nil, invalid(out, modes.errorf(`is empty; list "load", "collect" or both`))
	}
	for _, e := range elems {
		mode, ferr := e.str()
		if ferr != nil {
			return nil, nil, invalid(out, ferr)
		}
		p := map[string]*bool{"load": &s.Load, "collect": &s.Collect}[mode]
		switch {
		case p == nil:
			return nil, nil, invalid(out, e.errorf(`%q is not a mode; the modes are "load" and "collect"`, mode))
		case *p:
			return nil, nil, invalid(out, e.errorf("lists %q twice", mode))
		}
		*p = true
	}
	if v, ok := m["version"]; ok {
		if s.Version, ferr = v.str(); ferr != nil {
			return nil, nil, invalid(out, ferr)
		}
	}
	if v, ok := m["description"]; ok {
		if s.Description, ferr = v.str(); ferr != nil {
			return nil, nil, invalid(out, ferr)
		}
	}
	return s, nil, nil
}

func decodeAttribute(name string, v value) (*Attribute, *fieldError) {
	if !hclsyntax.ValidIdentifier(name) {
		return nil, v.errorf("%q is not a valid attribute name: use letters, digits, underscores and dashes, starting with a letter", name)
	}
	if slices.Contains(reserved, name) {
		return nil, v.errorf("%q is an argument socle owns in every provider block (alias, max_age, expect); rename the attribute", name)
	}
	m, ferr := v.members("type", "required", "description")
	if ferr != nil {
		return nil, ferr
	}
	a := &Attribute{}
	t, ok := m["type"]
	if !ok {
		return nil, v.errorf(`has no "type" member; write one of "string", "number", "bool", "any", "list(T)" or "map(T)"`)
	}
	if a.Type, ferr = t.str(); ferr != nil {
		return nil, ferr
	}
	ty, err := parseType(a.Type)
	if err != nil {
		return nil, t.errorf("%v", err)
	}
	a.Cty = ty
	if r, ok := m["required"]; ok {
		if a.Required, ferr = r.boolean(); ferr != nil {
			return nil, ferr
		}
	}
	if d, ok := m["description"]; ok {
		if a.Description, ferr = d.str(); ferr != nil {
			return nil, ferr
		}
	}
	return a, nil
}
