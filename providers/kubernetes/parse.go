package kubernetes

import (
	"path"
	"strings"
)

// document is one value a manifest file holds: a document of a YAML file, or
// the value of a JSON file.
type document struct {
	value any
	at    *position
	index int    // 0-based, among the file's documents that are not empty or null
	helm  string // the chart template that rendered it ("# Source:"), or ""
}

// position is where a value starts in its file, with the positions of the
// parts the provider reads (to point errors at them): the fields of an object
// and of its metadata, and the elements of a List's items.
type position struct {
	line, column int
	fields       map[string]*position // of an object, and of its metadata
	items        []*position          // the elements of an object's "items" sequence
}

// fieldDepth is the depth at which the value of an object's field is read
// (see position): an object is at depth 0, its metadata at 1 (its fields
// are noted), and any other field at 2 (read whole).
func fieldDepth(name string) int {
	if name == "metadata" {
		return 1
	}
	return 2
}

// field returns where the field name's value starts, or p when unknown.
func (p *position) field(name string) *position {
	if f := p.fields[name]; f != nil {
		return f
	}
	return p
}

// item returns where the i-th element of items starts, or p when unknown
// (items that came through a YAML merge key).
func (p *position) item(i int) *position {
	if i < len(p.items) && p.items[i] != nil {
		return p.items[i]
	}
	return p
}

// manifestFile reports whether name is a file the provider reads, by its
// extension.
func manifestFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// parseFile parses one manifest file into its documents: JSON for a .json
// file, else a YAML stream.
func parseFile(name string, data []byte) ([]document, error) {
	if strings.ToLower(path.Ext(name)) == ".json" {
		return parseJSON(name, data)
	}
	return parseYAML(name, data)
}
