package kubernetes

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/socle-dev/socle/providers"
)

// object is one Kubernetes object read from a manifest file.
type object struct {
	apiVersion, kind string
	name             string // metadata.name; "" when absent
	namespace        string // metadata.namespace as written; "" when absent
	value            map[string]any

	file  string
	line  int
	index int    // of the document holding it
	helm  string // the chart template that rendered it, or ""
}

// reader reads the objects of manifest files, in the order they are written.
type reader struct {
	objects  []*object
	warnings []*providers.SourceError
}

// origin is where a value being read comes from.
type origin struct {
	file string
	doc  document
	what string // "the document", "item 3 of the List at line 1"
}

// read reads the objects of a file's documents. A document that is not a
// Kubernetes object is a warning; an object whose apiVersion, kind or
// metadata cannot be read is an error.
func (r *reader) read(file string, docs []document) error {
	for _, d := range docs {
		o := origin{file: file, doc: d, what: "the document"}
		if err := r.value(o, d.value, d.at, "", ""); err != nil {
			return err
		}
	}
	return nil
}

// value reads v: an object, or a List whose items are read in turn. listKind
// and listVersion are the item kind and apiVersion of the typed list holding
// v (a PodList's items are Pods of its apiVersion), which the API server
// leaves out of each item; they are "" for a List of any kinds.
func (r *reader) value(o origin, v any, at *position, listKind, listVersion string) error {
	m, ok := v.(map[string]any)
	if !ok {
		detail := fmt.Sprintf("%s is %s, not a mapping with apiVersion and kind; it was skipped", o.what, describe(v))
		if _, seq := v.([]any); seq {
			detail += " (write one object per document, separated by ---, or wrap them in a List: apiVersion: v1, kind: List, items: [...])"
		}
		r.warn(o, at, "Not a Kubernetes object", detail)
		return nil
	}
	apiVersion, err := stringField(o, m, at, "apiVersion", `such as "v1" or "apps/v1"`)
	if err != nil {
		return err
	}
	kind, err := stringField(o, m, at, "kind", `such as "Deployment"`)
	if err != nil {
		return err
	}
	if kind == "" {
		kind = listKind
	}
	if apiVersion == "" {
		apiVersion = listVersion
	}
	if kind == "" || apiVersion == "" {
		var missing []string
		if apiVersion == "" {
			missing = append(missing, "apiVersion")
		}
		if kind == "" {
			missing = append(missing, "kind")
		}
		r.warn(o, at, "Not a Kubernetes object", fmt.Sprintf("%s has no %s, so it is not a Kubernetes object; it was skipped", o.what, strings.Join(missing, " or ")))
		return nil
	}
	if isList(kind, m) {
		return r.list(o, m, at, kind, apiVersion)
	}
	obj := &object{apiVersion: apiVersion, kind: kind, value: m, file: o.file, line: at.line, index: o.doc.index, helm: o.doc.helm}
	if err := readMetadata(o, obj, at); err != nil {
		return err
	}
	redactSecret(obj)
	r.objects = append(r.objects, obj)
	return nil
}

// isList reports whether an object of kind is a list of objects: the
// generic v1 List that kubectl get writes, or a typed list (PodList,
// DeploymentList) as the API server returns it, whose items field is a list.
func isList(kind string, m map[string]any) bool {
	if kind == "List" {
		return true
	}
	if !strings.HasSuffix(kind, "List") {
		return false
	}
	items, ok := m["items"]
	if !ok {
		return false
	}
	switch items.(type) {
	case []any, nil:
		return true
	}
	return false
}

// list reads the items of a List.
func (r *reader) list(o origin, m map[string]any, at *position, kind, apiVersion string) error {
	var items []any
	switch v := m["items"].(type) {
	case nil:
	case []any:
		items = v
	default:
		return invalid(o, at.field("items"), fmt.Sprintf("the items of a %s must be a list of objects, not %s", kind, describe(v)))
	}
	itemKind, itemVersion := "", ""
	if kind != "List" {
		itemKind, itemVersion = strings.TrimSuffix(kind, "List"), apiVersion
	}
	for i, item := range items {
		ip := at.item(i)
		sub := o
		sub.what = fmt.Sprintf("item %d of the %s at line %d", i+1, kind, at.line)
		if err := r.value(sub, item, ip, itemKind, itemVersion); err != nil {
			return err
		}
	}
	return nil
}

// readMetadata reads the name and namespace of obj.
func readMetadata(o origin, obj *object, at *position) error {
	raw, ok := obj.value["metadata"]
	if !ok || raw == nil {
		return nil
	}
	md, ok := raw.(map[string]any)
	if !ok {
		return invalid(o, at.field("metadata"), fmt.Sprintf("the metadata of %s %s must be a mapping (with name, namespace, labels, …), not %s", article(obj.kind), obj.kind, describe(raw)))
	}
	mp := at.field("metadata")
	for _, f := range []struct {
		name string
		to   *string
	}{{"name", &obj.name}, {"namespace", &obj.namespace}} {
		v, ok := md[f.name]
		if !ok || v == nil {
			continue
		}
		s, ok := v.(string)
		if !ok {
			return invalid(o, mp.field(f.name), fmt.Sprintf("metadata.%s of %s %s must be a string, not %s; quote it if it is a number or a boolean", f.name, article(obj.kind), obj.kind, describe(v)))
		}
		*f.to = s
	}
	return nil
}

// stringField returns m's field name, which must be a non-empty string when
// it is there (null counts as absent).
func stringField(o origin, m map[string]any, at *position, name, example string) (string, error) {
	v, ok := m[name]
	if !ok || v == nil {
		return "", nil
	}
	s, ok := v.(string)
	if !ok || s == "" {
		what := describe(v)
		if ok {
			what = "empty"
		}
		return "", invalid(o, at.field(name), fmt.Sprintf("%s of %s must be a non-empty string (%s), but it is %s", name, o.what, example, what))
	}
	return s, nil
}

func (r *reader) warn(o origin, at *position, summary, detail string) {
	r.warnings = append(r.warnings, &providers.SourceError{File: o.file, Line: at.line, Column: at.column, Summary: summary, Detail: detail})
}

func invalid(o origin, at *position, detail string) *providers.SourceError {
	return &providers.SourceError{File: o.file, Line: at.line, Column: at.column, Summary: "Invalid Kubernetes object", Detail: detail}
}

// describe names the JSON type of v for a message.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("the string %q", v)
	case json.Number:
		return "the number " + string(v)
	case bool:
		return fmt.Sprintf("the boolean %t", v)
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	return fmt.Sprintf("a %T", v)
}

func article(word string) string {
	if word != "" && strings.ContainsRune("AEIOU", rune(word[0])) {
		return "an"
	}
	return "a"
}

// redacted replaces a secret value in the document.
const redacted = "(sensitive)"

// redactSecret replaces the values of a v1 Secret's data and stringData (and
// the copy kubectl apply keeps of them in the last-applied-configuration
// annotation) by "(sensitive)", keeping the keys: a policy can check which
// keys a Secret holds, never their values, and no secret reaches evidence.
func redactSecret(obj *object) {
	if obj.kind != "Secret" || obj.apiVersion != "v1" {
		return
	}
	for _, field := range []string{"data", "stringData"} {
		switch v := obj.value[field].(type) {
		case nil:
		case map[string]any:
			r := make(map[string]any, len(v))
			for k, e := range v {
				r[k] = redacted
				if e == nil {
					r[k] = nil
				}
			}
			obj.value[field] = r
		default:
			obj.value[field] = redacted
		}
	}
	if md, ok := obj.value["metadata"].(map[string]any); ok {
		if ann, ok := md["annotations"].(map[string]any); ok {
			const lastApplied = "kubectl.kubernetes.io/last-applied-configuration"
			if _, ok := ann[lastApplied]; ok {
				ann[lastApplied] = redacted
			}
		}
	}
}
