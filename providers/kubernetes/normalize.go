package kubernetes

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/socle-dev/socle/providers"
)

// podSpec says where the pod template of a workload kind is.
type podSpec struct {
	groups []string // the API groups the kind is served in
	path   []string
}

var (
	templateSpec = []string{"spec", "template", "spec"}
	podSpecs     = map[string]podSpec{
		"Pod":                   {[]string{""}, []string{"spec"}},
		"ReplicationController": {[]string{""}, templateSpec},
		"Deployment":            {[]string{"apps", "extensions"}, templateSpec},
		"ReplicaSet":            {[]string{"apps", "extensions"}, templateSpec},
		"DaemonSet":             {[]string{"apps", "extensions"}, templateSpec},
		"StatefulSet":           {[]string{"apps"}, templateSpec},
		"Job":                   {[]string{"batch"}, templateSpec},
		"CronJob":               {[]string{"batch"}, []string{"spec", "jobTemplate", "spec", "template", "spec"}},
	}
)

// normalize builds the document's value from the objects read, in the order
// they were read, as the package documentation describes. Two objects with
// one key are a warning on the later one, which wins in by_key.
func normalize(objs []*object, namespaceDefault string) (map[string]any, []*providers.SourceError) {
	sc := newScopes(objs)
	var warnings []*providers.SourceError
	entries := make([]map[string]any, len(objs))
	byKey := make(map[string]any, len(objs))
	firstAt := make(map[string]*object, len(objs))
	keys := make([]string, len(objs))
	for i, o := range objs {
		ns := ""
		if !sc.cluster(o.apiVersion, o.kind) {
			ns = cmp.Or(o.namespace, namespaceDefault)
		}
		key := o.kind + "/" + ns + "/" + o.name
		keys[i] = key
		entries[i] = map[string]any{
			"kind":       o.kind,
			"apiVersion": o.apiVersion,
			"namespace":  ns,
			"name":       o.name,
			"key":        key,
			"source": map[string]any{
				"file":        o.file,
				"line":        number(o.line),
				"index":       number(o.index),
				"helm_source": o.helm,
			},
			"object": o.value,
		}
		if prev, dup := firstAt[key]; dup {
			warnings = append(warnings, &providers.SourceError{
				File: o.file, Line: o.line,
				Summary: "Duplicate Kubernetes object",
				Detail: fmt.Sprintf("%s is also defined at %s:%d; by_key holds this later definition (both are in objects). Remove one, or give them different names or namespaces",
					key, prev.file, prev.line),
			})
		} else {
			firstAt[key] = o
		}
		byKey[key] = entries[i]
	}

	order := make([]int, len(objs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ea, eb := entries[a], entries[b]
		oa, ob := objs[a], objs[b]
		return cmp.Or(
			cmp.Compare(oa.kind, ob.kind),
			cmp.Compare(ea["namespace"].(string), eb["namespace"].(string)),
			cmp.Compare(oa.name, ob.name),
			cmp.Compare(oa.file, ob.file),
			cmp.Compare(oa.index, ob.index),
			cmp.Compare(oa.line, ob.line),
		)
	})

	objects := make([]any, 0, len(objs))
	byKind := map[string]any{}
	specs := []any{}
	for _, i := range order {
		e, o := entries[i], objs[i]
		objects = append(objects, e)
		list, _ := byKind[o.kind].([]any)
		byKind[o.kind] = append(list, e)
		if path, spec, ok := podSpecOf(o); ok {
			specs = append(specs, map[string]any{"key": keys[i], "path": path, "spec": spec})
		}
	}
	return map[string]any{
		"objects":   objects,
		"by_kind":   byKind,
		"by_key":    byKey,
		"pod_specs": specs,
	}, warnings
}

// podSpecOf returns the pod spec of a workload object and its dotted path.
func podSpecOf(o *object) (string, map[string]any, bool) {
	ps, ok := podSpecs[o.kind]
	if !ok || !slices.Contains(ps.groups, group(o.apiVersion)) {
		return "", nil, false
	}
	var v any = o.value
	for _, f := range ps.path {
		m, ok := v.(map[string]any)
		if !ok {
			return "", nil, false
		}
		v = m[f]
	}
	spec, ok := v.(map[string]any)
	if !ok {
		return "", nil, false
	}
	return strings.Join(ps.path, "."), spec, true
}

func number(n int) json.Number { return json.Number(strconv.Itoa(n)) }
