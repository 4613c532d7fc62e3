package file

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/socle-dev/socle/providers"
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
			return nil, yamlError(file, data, err)
		}
		if len(doc.Content) == 0 || isEmpty(doc.Content[0]) {
			continue
		}
		docs = append(docs, doc.Content[0])
	}
	c := newConverter(file, len(data))
	values := make([]any, len(docs))
	for i, n := range docs {
		v, err := c.value(n)
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

var yamlLine = regexp.MustCompile(`^line (\d+): (.*)$`)

// parserProblems are the problems yaml.v3's parser (as opposed to its
// scanner) reports. It numbers their lines from 0, scanner lines from 1.
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// yamlError turns a yaml.v3 parse error into a *providers.SourceError.
// yaml.v3 writes "yaml: line N: problem", and leaves the line out when the
// problem is on the first line or in the bytes themselves (invalid UTF-8,
// control characters), which are found here instead.
func yamlError(file string, data []byte, err error) *providers.SourceError {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	e := &providers.SourceError{File: file, Line: 1, Summary: "Invalid YAML", Detail: msg}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		e.Line, _ = strconv.Atoi(m[1])
		e.Detail = m[2]
		if parserProblems[e.Detail] {
			e.Line++
		}
		return e
	}
	if offset, ok := badByte(data); ok {
		e.Line, e.Column = providers.LineColumn(data, offset)
		return e
	}
	if name, ok := strings.CutPrefix(msg, "unknown anchor '"); ok {
		name = strings.TrimSuffix(name, "' referenced")
		if i := bytes.Index(data, []byte("*"+name)); i >= 0 {
			e.Line, e.Column = providers.LineColumn(data, i)
		}
		e.Detail = "the alias *" + name + " refers to no anchor (&" + name + ") defined before it"
	}
	return e
}

// badByte returns the offset of the first byte YAML does not accept: invalid
// UTF-8, or a control character other than tab, line feed and carriage return.
func badByte(data []byte) (int, bool) {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return i, true
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0x7F,
			r >= 0x80 && r < 0xA0 && r != 0x85, r == 0xFFFE, r == 0xFFFF:
			return i, true
		}
		i += size
	}
	return 0, false
}
