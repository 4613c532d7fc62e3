package yamlvalue

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/socle-dev/socle/providers"
)

// Converter turns YAML nodes into the JSON-compatible tree of a document.
// It follows aliases itself (yaml.v3 leaves them in the node tree), so it
// also guards against what aliases allow: an anchor that contains an alias
// to itself, and a small file whose aliases expand to billions of values.
type Converter struct {
	file      string
	remaining int                 // values still allowed
	expanding map[*yaml.Node]bool // anchors being expanded through an alias
}

// NewConverter returns a Converter for the nodes of file, whose data is size
// bytes long. Its errors are *providers.SourceError values for file. The
// number of values it may produce grows with size and is shared by all the
// nodes it converts, so use one Converter for all the documents of a file.
func NewConverter(file string, size int) *Converter {
	// Without aliases a file holds fewer values than bytes: this allows
	// aliases a generous expansion and stops exponential ones.
	return &Converter{file: file, remaining: 10_000 + 10*size, expanding: map[*yaml.Node]bool{}}
}

func (c *Converter) errorf(n *yaml.Node, format string, args ...any) *providers.SourceError {
	return &providers.SourceError{
		File: c.file, Line: n.Line, Column: n.Column,
		Summary: "Invalid YAML", Detail: fmt.Sprintf(format, args...),
	}
}

// Value converts n (a document node or any node in it) to nil, a bool, a
// json.Number, a string, a []any or a map[string]any.
func (c *Converter) Value(n *yaml.Node) (any, error) {
	if c.remaining--; c.remaining < 0 {
		return nil, c.errorf(n, "the file's aliases expand to too many values")
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return c.scalar(n)
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, e := range n.Content {
			v, err := c.Value(e)
			if err != nil {
				return nil, err
			}
			s[i] = v
		}
		return s, nil
	case yaml.MappingNode:
		return c.mapping(n)
	case yaml.AliasNode:
		return c.alias(n)
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return c.Value(n.Content[0])
	}
	return nil, c.errorf(n, "unexpected YAML node")
}

func (c *Converter) alias(n *yaml.Node) (any, error) {
	if n.Alias == nil {
		return nil, c.errorf(n, "the alias *%s refers to no anchor", n.Value)
	}
	if c.expanding[n.Alias] {
		return nil, c.errorf(n, "the alias *%s is inside the value its anchor names", n.Value)
	}
	c.expanding[n.Alias] = true
	defer delete(c.expanding, n.Alias)
	return c.Value(n.Alias)
}

// mapping converts a mapping. Keys become strings; a key written twice is an
// error, as yaml.v3 makes it when decoding. Merge keys ("<<: *base") are
// applied: keys written in the mapping win over merged ones, and earlier
// merged mappings over later ones.
func (c *Converter) mapping(n *yaml.Node) (map[string]any, error) {
	m := make(map[string]any, len(n.Content)/2)
	lines := make(map[string]int, len(n.Content)/2)
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			merges = append(merges, v)
			continue
		}
		key, err := c.key(k)
		if err != nil {
			return nil, err
		}
		if line, dup := lines[key]; dup {
			return nil, c.errorf(k, "mapping key %q already defined at line %d", key, line)
		}
		lines[key] = k.Line
		if m[key], err = c.Value(v); err != nil {
			return nil, err
		}
	}
	for _, merge := range merges {
		sources := []*yaml.Node{merge}
		if target := Resolve(merge); target.Kind == yaml.SequenceNode {
			sources = target.Content
		}
		for _, src := range sources {
			if Resolve(src).Kind != yaml.MappingNode {
				return nil, c.errorf(src, "a merge key (<<) needs a mapping or a list of mappings")
			}
			v, err := c.Value(src)
			if err != nil {
				return nil, err
			}
			for key, val := range v.(map[string]any) {
				if _, ok := m[key]; !ok {
					m[key] = val
				}
			}
		}
	}
	return m, nil
}

// Resolve follows an alias to the node it names, and returns any other node
// as is.
func Resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// key converts a mapping key to a string: a string as is, a number, bool or
// null by its text in the document, a sequence or mapping by its JSON text.
func (c *Converter) key(n *yaml.Node) (string, error) {
	v, err := c.Value(n)
	if err != nil {
		return "", err
	}
	switch v := v.(type) {
	case string:
		return v, nil
	case json.Number:
		return string(v), nil
	case bool:
		return strconv.FormatBool(v), nil
	case nil:
		return "null", nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", c.errorf(n, "cannot use this mapping key: %v", err)
	}
	return string(b), nil
}

// scalar converts a scalar by its tag. Strings, timestamps, binary and
// scalars with an application tag (!Ref) keep their text as written.
func (c *Converter) scalar(n *yaml.Node) (any, error) {
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return nil, c.errorf(n, "%q is not a boolean", n.Value)
		}
		return b, nil
	case "!!int", "!!float":
		return c.number(n)
	}
	return n.Value, nil
}

var jsonNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

// number converts an int or float scalar to a json.Number: its text when it
// is already valid JSON (so large integers keep every digit), else its value
// in decimal (0x1F is 31, 1_000 is 1000). Infinity and NaN have no JSON form
// and stay strings as written.
func (c *Converter) number(n *yaml.Node) (any, error) {
	if jsonNumber.MatchString(n.Value) {
		return json.Number(n.Value), nil
	}
	var v any
	if err := n.Decode(&v); err != nil {
		return nil, c.errorf(n, "%q is not a number", n.Value)
	}
	switch v := v.(type) {
	case int:
		return json.Number(strconv.Itoa(v)), nil
	case int64:
		return json.Number(strconv.FormatInt(v, 10)), nil
	case uint64:
		return json.Number(strconv.FormatUint(v, 10)), nil
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return n.Value, nil
		}
		return json.Number(strconv.FormatFloat(v, 'g', -1, 64)), nil
	}
	return nil, c.errorf(n, "%q is not a number", n.Value)
}
