package policy

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"sync"
	"unsafe"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/socle-dev/socle/evaluator/canonical"
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
	return ConvertOn(doc, 1)
}

// ConvertOn is Convert on up to workers goroutines: the members of an object or
// array of parallelAt members or more (a plan's resources, a by_type list) are
// split between them, each converting its share with converters of its own,
// which only read the document. A map shared by two shares is converted by
// each (equal values); a map shared between such a container and a later part
// of the document (terraform's resources and by_type) is converted once.
func ConvertOn(doc any, workers int) (Value, error) {
	c := newConverter(workers, nil)
	v, err := c.value(doc)
	if err != nil {
		return Value{}, err
	}
	return Value{v: v}, nil
}

// rememberAt is the size from which a converter remembers the maps it has
// converted, to convert a map that the document holds twice once.
var rememberAt = 4

// parallelAt is the number of members from which ConvertOn splits a container.
const parallelAt = 1024

type converter struct {
	memo map[*map[string]any]ast.Value
	// parent is the memo of the converter that split the work, read-only while
	// its workers run.
	parent  map[*map[string]any]ast.Value
	workers int
	keys    map[string]*ast.Term
	pairs   [][2]*ast.Term // a stack shared by the objects being converted
	// recent caches keys by where their bytes are: providers' decoders intern
	// keys, so most lookups end here without hashing the key.
	recent [1024]recentKey
}

func newConverter(workers int, parent map[*map[string]any]ast.Value) *converter {
	return &converter{memo: map[*map[string]any]ast.Value{}, parent: parent, workers: workers, keys: map[string]*ast.Term{}}
}

type recentKey struct {
	data *byte
	n    int
	term *ast.Term
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
		if c.workers > 1 && len(x) >= parallelAt {
			vals, err := c.split(x)
			if err != nil {
				return nil, err
			}
			for i, v := range vals {
				block[i].Value = v
				terms[i] = &block[i]
			}
			return ast.NewArray(terms...), nil
		}
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
		// Small maps (tags, nested blocks) are many and rarely shared: they
		// are converted again rather than remembered.
		remember := len(x) >= rememberAt
		id := canonical.MapID(x)
		if remember {
			if v, ok := c.memo[id]; ok {
				return v, nil
			}
			if v, ok := c.parent[id]; ok {
				return v, nil
			}
		}
		block := make([]ast.Term, len(x))
		base := len(c.pairs)
		if c.workers > 1 && len(x) >= parallelAt {
			keys := make([]string, 0, len(x))
			members := make([]any, 0, len(x))
			for k, e := range x {
				keys = append(keys, k)
				members = append(members, e)
			}
			vals, err := c.split(members)
			if err != nil {
				return nil, err
			}
			for i, v := range vals {
				block[i].Value = v
				c.pairs = append(c.pairs, [2]*ast.Term{c.key(keys[i]), &block[i]})
			}
		} else {
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
		}
		obj := ast.NewObject(c.pairs[base:]...)
		clear(c.pairs[base:])
		c.pairs = c.pairs[:base]
		if remember {
			c.memo[id] = obj
		}
		return obj, nil
	}
	v, err := ast.InterfaceToValue(x)
	if err != nil {
		return nil, fmt.Errorf("cannot convert %T to a Rego value: %v", x, err)
	}
	return v, nil
}

// split converts members on c.workers goroutines, each a contiguous share,
// and remembers the members that are maps, for the places that share them.
func (c *converter) split(members []any) ([]ast.Value, error) {
	out := make([]ast.Value, len(members))
	errs := make([]error, c.workers)
	share := (len(members) + c.workers - 1) / c.workers
	var wg sync.WaitGroup
	for w := range c.workers {
		lo, hi := w*share, min((w+1)*share, len(members))
		if lo >= hi {
			break
		}
		// Workers read c.memo (as their parent) and never write it.
		sub := newConverter(1, c.memo)
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				v, err := sub.value(members[i])
				if err != nil {
					errs[w] = err
					return
				}
				out[i] = v
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for i, m := range members {
		if m, ok := m.(map[string]any); ok && len(m) >= rememberAt {
			c.memo[canonical.MapID(m)] = out[i]
		}
	}
	return out, nil
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
