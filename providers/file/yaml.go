package file

import (
	"bytes"
	"errors"
	"io"

	"go.yaml.in/yaml/v3"

	"github.com/socle-dev/socle/providers/internal/yamlvalue"
)

// parseYAML parses a YAML stream. A single document is the content; several
// make the content an array of documents. Empty documents (nothing between two
// "---", or after the last) are not documents the user wrote and are dropped.
// Items are the documents of a multi-document file, else the elements of a
// top-level sequence, else the single value.
func parseYAML(file string, data []byte) (*parsed, error) {
	d := yaml.NewDecoder(bytes.NewReader(data))
	var docs []*yaml.Node
	for {
		doc := new(yaml.Node)
		err := d.Decode(doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, yamlvalue.Error(file, data, err)
		}
		if len(doc.Content) == 0 || isEmpty(doc.Content[0]) {
			continue
		}
		docs = append(docs, doc.Content[0])
	}
	c := yamlvalue.NewConverter(file, len(data))
	values := make([]any, len(docs))
	for i, n := range docs {
		v, err := c.Value(n)
		if err != nil {
			return nil, err
		}
		values[i] = v
	}
	switch len(docs) {
	case 0:
		return &parsed{documents: []any{}}, nil
	case 1:
		return single(docs[0], values[0]), nil
	}
	p := &parsed{content: values, documents: values}
	for i, n := range docs {
		p.items = append(p.items, item{line: n.Line, value: values[i]})
	}
	return p, nil
}

// single is the content and items of a one-document file whose top-level
// node n converted to v.
func single(n *yaml.Node, v any) *parsed {
	elems, ok := v.([]any)
	if !ok {
		return &parsed{content: v, items: []item{{line: n.Line, value: v}}}
	}
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	p := &parsed{content: v}
	for i, e := range elems {
		p.items = append(p.items, item{line: n.Content[i].Line, value: e})
	}
	return p
}

// isEmpty reports whether n is the null a document with no content holds.
func isEmpty(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Value == "" && n.Style == 0 &&
		n.ShortTag() == "!!null" && n.Anchor == ""
}
