// Package addrs turns HCL traversals into typed addresses: objective.x, control.x,
// control.x[0], var.x, local.x, each.key, count.index and provider references
// (aws, aws.staging). Everything that refers to another block goes through ParseRef;
// nothing splits strings on dots.
//
// It imports only hcl and go-cty.
package addrs

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// Referenceable is anything a reference can point at.
type Referenceable interface {
	String() string
	referenceable()
}

// Objective is objective.NAME.
type Objective struct{ Name string }

// Control is control.NAME, optionally with an instance key (control.x[0],
// control.x["eu"]). Key is cty.NilVal when absent.
type Control struct {
	Name string
	Key  InstanceKey
}

// Variable is var.NAME.
type Variable struct{ Name string }

// Local is local.NAME.
type Local struct{ Name string }

// Each is each.key or each.value.
type Each struct{ Attr string }

// Count is count.index.
type Count struct{ Attr string }

// Provider is a provider instance: TYPE or TYPE.ALIAS.
type Provider struct {
	Type  string
	Alias string
}

func (Objective) referenceable() {}
func (Control) referenceable()   {}
func (Variable) referenceable()  {}
func (Local) referenceable()     {}
func (Each) referenceable()      {}
func (Count) referenceable()     {}
func (Provider) referenceable()  {}

func (a Objective) String() string { return "objective." + a.Name }
func (a Control) String() string   { return "control." + a.Name + a.Key.String() }
func (a Variable) String() string  { return "var." + a.Name }
func (a Local) String() string     { return "local." + a.Name }
func (a Each) String() string      { return "each." + a.Attr }
func (a Count) String() string     { return "count." + a.Attr }
func (a Provider) String() string {
	if a.Alias == "" {
		return a.Type
	}
	return a.Type + "." + a.Alias
}

// InstanceKey identifies one instance of a block stamped with count or for_each:
// an IntKey for count, a StringKey for for_each, NoKey otherwise.
type InstanceKey interface {
	String() string // "", "[0]" or `["eu"]`
	Value() cty.Value
}

// NoKey is the key of a block without count or for_each.
var NoKey InstanceKey = noKey{}

type noKey struct{}

func (noKey) String() string   { return "" }
func (noKey) Value() cty.Value { return cty.NilVal }

// IntKey is a count index.
type IntKey int

func (k IntKey) String() string   { return fmt.Sprintf("[%d]", int(k)) }
func (k IntKey) Value() cty.Value { return cty.NumberIntVal(int64(k)) }

// StringKey is a for_each key.
type StringKey string

func (k StringKey) String() string   { return fmt.Sprintf("[%q]", string(k)) }
func (k StringKey) Value() cty.Value { return cty.StringVal(string(k)) }

// Reference is a parsed reference with the source range it came from and any
// attribute access left over after the address (objective.x.ref → Remaining .ref).
type Reference struct {
	Subject   Referenceable
	SrcRange  hcl.Range
	Remaining hcl.Traversal
}

// Roots are the names that begin a reference to a configuration object, other
// than provider types (which are open-ended).
var Roots = []string{"objective", "control", "var", "local", "each", "count"}

// ParseRef parses a traversal that refers to a configuration object (objective,
// control, var, local, each, count). Provider references are parsed with
// ParseProviderRef, since any other root name may be a provider type.
func ParseRef(t hcl.Traversal) (*Reference, hcl.Diagnostics) {
	if len(t) == 0 || t.IsRelative() {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Invalid reference",
			Detail:   "A reference must start with a name such as objective, control, var or local.",
			Subject:  t.SourceRange().Ptr(),
		}}
	}
	root := t.RootName()
	rng := t.SourceRange()
	switch root {
	case "objective", "var", "local":
		name, rest, diags := attrName(t, root)
		if diags.HasErrors() {
			return nil, diags
		}
		var subj Referenceable
		switch root {
		case "objective":
			subj = Objective{Name: name}
		case "var":
			subj = Variable{Name: name}
		default:
			subj = Local{Name: name}
		}
		return &Reference{Subject: subj, SrcRange: hcl.RangeBetween(rng, t[1].SourceRange()), Remaining: rest}, nil
	case "control":
		name, rest, diags := attrName(t, root)
		if diags.HasErrors() {
			return nil, diags
		}
		addr := Control{Name: name, Key: NoKey}
		end := t[1].SourceRange()
		if len(rest) > 0 {
			if idx, ok := rest[0].(hcl.TraverseIndex); ok {
				key, err := keyFromValue(idx.Key)
				if err != nil {
					return nil, hcl.Diagnostics{{
						Severity: hcl.DiagError,
						Summary:  "Invalid instance key",
						Detail:   err.Error(),
						Subject:  idx.SrcRange.Ptr(),
					}}
				}
				addr.Key = key
				end = idx.SrcRange
				rest = rest[1:]
			}
		}
		return &Reference{Subject: addr, SrcRange: hcl.RangeBetween(rng, end), Remaining: rest}, nil
	case "each":
		name, rest, diags := attrName(t, root)
		if diags.HasErrors() {
			return nil, diags
		}
		if name != "key" && name != "value" {
			return nil, hcl.Diagnostics{{
				Severity: hcl.DiagError,
				Summary:  "Invalid each attribute",
				Detail:   fmt.Sprintf("each has only the attributes key and value, not %q.", name),
				Subject:  t[1].SourceRange().Ptr(),
			}}
		}
		return &Reference{Subject: Each{Attr: name}, SrcRange: hcl.RangeBetween(rng, t[1].SourceRange()), Remaining: rest}, nil
	case "count":
		name, rest, diags := attrName(t, root)
		if diags.HasErrors() {
			return nil, diags
		}
		if name != "index" {
			return nil, hcl.Diagnostics{{
				Severity: hcl.DiagError,
				Summary:  "Invalid count attribute",
				Detail:   fmt.Sprintf("count has only the attribute index, not %q.", name),
				Subject:  t[1].SourceRange().Ptr(),
			}}
		}
		return &Reference{Subject: Count{Attr: name}, SrcRange: hcl.RangeBetween(rng, t[1].SourceRange()), Remaining: rest}, nil
	}
	return nil, hcl.Diagnostics{{
		Severity: hcl.DiagError,
		Summary:  "Unknown reference",
		Detail:   fmt.Sprintf("There is nothing named %q to refer to here.%s", root, Suggest(root, Roots)),
		Subject:  t[0].SourceRange().Ptr(),
	}}
}

// ParseProviderRef parses a provider reference: TYPE or TYPE.ALIAS.
func ParseProviderRef(t hcl.Traversal) (Provider, hcl.Diagnostics) {
	if len(t) == 0 || t.IsRelative() {
		return Provider{}, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Invalid provider reference",
			Detail:   "A provider reference is a provider type, optionally with an alias: aws or aws.staging.",
			Subject:  t.SourceRange().Ptr(),
		}}
	}
	p := Provider{Type: t.RootName()}
	switch len(t) {
	case 1:
		return p, nil
	case 2:
		if a, ok := t[1].(hcl.TraverseAttr); ok {
			p.Alias = a.Name
			return p, nil
		}
	}
	return Provider{}, hcl.Diagnostics{{
		Severity: hcl.DiagError,
		Summary:  "Invalid provider reference",
		Detail:   "A provider reference is a provider type, optionally with an alias: aws or aws.staging.",
		Subject:  t.SourceRange().Ptr(),
	}}
}

func attrName(t hcl.Traversal, root string) (string, hcl.Traversal, hcl.Diagnostics) {
	if len(t) < 2 {
		return "", nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Invalid reference",
			Detail:   fmt.Sprintf("%q must be followed by an attribute name, as in %s.NAME.", root, root),
			Subject:  t.SourceRange().Ptr(),
		}}
	}
	switch step := t[1].(type) {
	case hcl.TraverseAttr:
		return step.Name, t[2:], nil
	default:
		return "", nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Invalid reference",
			Detail:   fmt.Sprintf("%q must be followed by an attribute name, as in %s.NAME.", root, root),
			Subject:  step.SourceRange().Ptr(),
		}}
	}
}

func keyFromValue(v cty.Value) (InstanceKey, error) {
	if v.IsNull() || !v.IsKnown() {
		return nil, fmt.Errorf("an instance key must be a number or a string")
	}
	switch v.Type() {
	case cty.Number:
		bf := v.AsBigFloat()
		i, acc := bf.Int64()
		if acc != 0 || i < 0 {
			return nil, fmt.Errorf("a count index must be a whole number of zero or more")
		}
		return IntKey(int(i)), nil
	case cty.String:
		return StringKey(v.AsString()), nil
	}
	return nil, fmt.Errorf("an instance key must be a number or a string")
}
