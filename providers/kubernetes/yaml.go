package kubernetes

import (
	"bytes"
	"errors"
	"io"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/socle-dev/socle/providers/internal/yamlvalue"
)

// parseYAML parses a YAML stream (documents separated by "---") into its
// documents. Empty documents (only comments, or nothing, between two "---")
// and null documents are not objects anyone wrote: they are skipped and not
// counted in the documents' indexes.
func parseYAML(file string, data []byte) ([]document, error) {
	d := yaml.NewDecoder(bytes.NewReader(data))
	c := yamlvalue.NewConverter(file, len(data))
	sources := helmSources(data)
	var docs []document
	for {
		n := new(yaml.Node)
		err := d.Decode(n)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, yamlvalue.Error(file, data, err)
		}
		if len(n.Content) == 0 {
			continue
		}
		root := n.Content[0]
		v, err := c.Value(root)
		if err != nil {
			return nil, err
		}
		if v == nil {
			continue
		}
		at := nodePosition(root, 0)
		docs = append(docs, document{value: v, at: at, index: len(docs), helm: sources.at(at.line)})
	}
	return docs, nil
}

// nodePosition is the position of the value n holds, with its fields when it
// is a mapping at depth 0 (an object) or 1 (its metadata), and the elements of
// an object's "items" sequence (a List's objects, at depth 0 again). See
// fieldDepth.
func nodePosition(n *yaml.Node, depth int) *position {
	p := &position{line: n.Line, column: n.Column}
	m := yamlvalue.Resolve(n)
	if m.Kind != yaml.MappingNode || depth > 1 {
		return p
	}
	p.fields = make(map[string]*position, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.ShortTag() == "!!merge" {
			continue
		}
		sub := depth + 1
		if depth == 0 {
			sub = fieldDepth(k.Value)
		}
		p.fields[k.Value] = nodePosition(v, sub)
		if depth == 0 && k.Value == "items" {
			p.items = nil
			if s := yamlvalue.Resolve(v); s.Kind == yaml.SequenceNode {
				for _, e := range s.Content {
					p.items = append(p.items, nodePosition(e, 0))
				}
			}
		}
	}
	return p
}

// helmIndex lists the "# Source: PATH" comments helm template writes after
// the "---" that starts each document it renders.
type helmIndex []helmSource

type helmSource struct {
	line int
	path string
}

var sourcePrefix = []byte("# Source: ")

// helmSources finds the "# Source:" comments of data, written at the start
// of a line as helm template writes them.
func helmSources(data []byte) helmIndex {
	if !bytes.Contains(data, sourcePrefix) {
		return nil
	}
	var idx helmIndex
	rest := data
	for line := 1; len(rest) > 0; line++ {
		var l []byte
		l, rest, _ = bytes.Cut(rest, []byte{'\n'})
		if p, ok := bytes.CutPrefix(l, sourcePrefix); ok {
			if p = bytes.TrimSpace(p); len(p) > 0 {
				idx = append(idx, helmSource{line: line, path: strings.ToValidUTF8(string(p), "\uFFFD")})
			}
		}
	}
	return idx
}

// at returns the path of the last "# Source:" comment above line, or "".
// A document without its own comment belongs to the template of the one
// before it: helm writes one comment per template, and a template (a CRD file
// of the chart's crds/ directory, say) may hold several documents.
func (idx helmIndex) at(line int) string {
	i := sort.Search(len(idx), func(i int) bool { return idx[i].line >= line })
	if i == 0 {
		return ""
	}
	return idx[i-1].path
}
