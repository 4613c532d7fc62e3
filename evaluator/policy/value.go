package policy

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"unsafe"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Value is an input document converted to a Rego value, ready to be shared
// read-only by every evaluation that reads it.
type Value struct{ v ast.Value }

// Convert turns a provider's JSON-compatible document (map[string]any, []any,
// string, json.Number, float64, int, bool, nil) into a Rego value, once. A map
// that appears several times in the tree (providers share one object between an
// index and a list) is converted once and shared.
//
// It allocates the terms of each object and array in one block, and one term
// per distinct object key, shared by every object that has the key: terms are
// never modified once built, so sharing them is safe.
func Convert(doc any) (Value, error) {
	c := converter{memo: map[*map[string]any]ast.Value{}, keys: map[string]*ast.Term{}}
	v, err := c.value(doc)
	if err != nil {
		return Value{}, err
	}
	return Value{v: v}, nil
}

type converter struct {
	memo  map[*map[string]any]ast.Value
	keys  map[string]*ast.Term
	pairs [][2]*ast.Term // a stack shared by the objects being converted
	// recent caches keys by where their bytes are: providers' decoders intern
	// keys, so most lookups end here without hashing the key.
	recent [1024]recentKey
}

type recentKey struct {
	data *byte
	n    int
	term *ast.Term
}

// mapID identifies a map by the pointer a map value holds.
func mapID(m map[string]any) *map[string]any {
	return *(**map[string]any)(unsafe.Pointer(&m))
}

func (c *converter) value(x any) (ast.Value, error) {
	switch x := x.(type) {
	case nil:
		return ast.Null{}, nil
	case string:
		return ast.String(x), nil
	case bool:
		return ast.Boolean(x), nil
	case json.Number:
		return ast.Number(x), nil
	case float64:
		return ast.Number(strconv.FormatFloat(x, 'g', -1, 64)), nil
	case int:
		return ast.Number(strconv.Itoa(x)), nil
	case int64:
		return ast.Number(strconv.FormatInt(x, 10)), nil
	case []any:
		block := make([]ast.Term, len(x))
		terms := make([]*ast.Term, len(x))
		for i, e := range x {
			v, err := c.value(e)
			if err != nil {
				return nil, err
			}
			block[i].Value = v
			terms[i] = &block[i]
		}
		return ast.NewArray(terms...), nil
	case map[string]any:
		id := mapID(x)
		if v, ok := c.memo[id]; ok {
			return v, nil
		}
		block := make([]ast.Term, len(x))
		base := len(c.pairs)
		i := 0
		for k, e := range x {
			v, err := c.value(e)
			if err != nil {
				return nil, err
			}
			block[i].Value = v
			c.pairs = append(c.pairs, [2]*ast.Term{c.key(k), &block[i]})
			i++
		}
		obj := ast.NewObject(c.pairs[base:]...)
		clear(c.pairs[base:])
		c.pairs = c.pairs[:base]
		c.memo[id] = obj
		return obj, nil
	}
	v, err := ast.InterfaceToValue(x)
	if err != nil {
		return nil, fmt.Errorf("cannot convert %T to a Rego value: %v", x, err)
	}
	return v, nil
}

// key returns the term of an object key, one per distinct key. Two strings
// with the same bytes at the same address are the same string.
func (c *converter) key(k string) *ast.Term {
	data := unsafe.StringData(k)
	r := &c.recent[(uintptr(unsafe.Pointer(data))>>4)%uintptr(len(c.recent))]
	if r.data == data && r.n == len(k) && data != nil {
		return r.term
	}
	t, ok := c.keys[k]
	if !ok {
		t = ast.StringTerm(k)
		c.keys[k] = t
	}
	*r = recentKey{data: data, n: len(k), term: t}
	return t
}

// Input is the input document of one evaluation: an object whose keys are the
// target's provider keys ("aws", or "hr" and "idp" for a join).
type Input struct{ v ast.Value }

// NewInput composes converted documents under their keys without copying them.
func NewInput(docs map[string]Value) Input {
	terms := make([][2]*ast.Term, 0, len(docs))
	for k, d := range docs {
		v := d.v
		if v == nil { // the zero Value: no document
			v = ast.Null{}
		}
		terms = append(terms, [2]*ast.Term{ast.StringTerm(k), ast.NewTerm(v)})
	}
	return Input{v: ast.NewObject(terms...)}
}

// Get returns the value under key when v is an object.
func (v Value) Get(key string) (Value, bool) {
	obj, ok := v.v.(ast.Object)
	if !ok {
		return Value{}, false
	}
	t := obj.Get(ast.StringTerm(key))
	if t == nil {
		return Value{}, false
	}
	return Value{v: t.Value}, true
}

// Keys returns an object's string keys, sorted; nil when v is not an object.
func (v Value) Keys() []string {
	obj, ok := v.v.(ast.Object)
	if !ok {
		return nil
	}
	var keys []string
	obj.Foreach(func(k, _ *ast.Term) {
		if s, ok := k.Value.(ast.String); ok {
			keys = append(keys, string(s))
		}
	})
	sort.Strings(keys)
	return keys
}

// Elements returns an array's elements; nil when v is not an array.
func (v Value) Elements() []Value {
	arr, ok := v.v.(*ast.Array)
	if !ok {
		return nil
	}
	out := make([]Value, 0, arr.Len())
	arr.Foreach(func(t *ast.Term) { out = append(out, Value{v: t.Value}) })
	return out
}
