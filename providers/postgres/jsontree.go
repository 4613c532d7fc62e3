package postgres

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// node is a JSON value with the byte offset where it starts, so that a
// snapshot whose shape is wrong can be reported at the exact line and column.
type node struct {
	off     int
	value   any      // string, json.Number, bool or nil for scalars
	members []member // an object's members, in file order
	elems   []*node  // an array's elements
	kind    kind
}

type member struct {
	key string
	off int // where the key starts
	val *node
}

type kind int

const (
	kindNull kind = iota
	kindBool
	kindNumber
	kindString
	kindArray
	kindObject
)

func (k kind) String() string {
	return [...]string{"null", "a boolean", "a number", "a string", "an array", "an object"}[k]
}

// parseTree reads data, which must be one well-formed JSON value (check it
// with providers.CheckJSON first), into a tree of nodes. A key written twice
// in one object is an error at the second one.
func parseTree(data []byte) (*node, *treeError) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	p := &treeParser{data: data, dec: d}
	return p.value()
}

type treeParser struct {
	data []byte
	dec  *json.Decoder
}

// treeError is a problem at a byte offset.
type treeError struct {
	off int
	msg string
}

// next returns the next token and the offset where it starts: after the
// decoder's position, past white space and the ',' or ':' before it.
func (p *treeParser) next() (json.Token, int, *treeError) {
	off := int(p.dec.InputOffset())
	for off < len(p.data) {
		switch p.data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	tok, err := p.dec.Token()
	if err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, off, &treeError{off, err.Error()}
	}
	return tok, off, nil
}

func (p *treeParser) value() (*node, *treeError) {
	tok, off, err := p.next()
	if err != nil {
		return nil, err
	}
	return p.valueFrom(tok, off)
}

func (p *treeParser) valueFrom(tok json.Token, off int) (*node, *treeError) {
	n := &node{off: off, value: tok}
	switch t := tok.(type) {
	case nil:
		n.kind = kindNull
	case bool:
		n.kind = kindBool
	case json.Number:
		n.kind = kindNumber
	case string:
		n.kind = kindString
	case json.Delim:
		n.value = nil
		switch t {
		case '[':
			n.kind = kindArray
			for p.dec.More() {
				e, err := p.value()
				if err != nil {
					return nil, err
				}
				n.elems = append(n.elems, e)
			}
		case '{':
			n.kind = kindObject
			seen := map[string]bool{}
			for p.dec.More() {
				tok, koff, err := p.next()
				if err != nil {
					return nil, err
				}
				key, _ := tok.(string)
				if seen[key] {
					return nil, &treeError{koff, fmt.Sprintf("the key %q is written twice in this object", key)}
				}
				seen[key] = true
				v, err := p.value()
				if err != nil {
					return nil, err
				}
				n.members = append(n.members, member{key: key, off: koff, val: v})
			}
		default:
			return nil, &treeError{off, fmt.Sprintf("unexpected %q", t)}
		}
		if _, _, err := p.next(); err != nil { // the closing ']' or '}'
			return nil, err
		}
	}
	return n, nil
}
