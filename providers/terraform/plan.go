package terraform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/socle-dev/socle/internal/par"
	"github.com/socle-dev/socle/providers"
)

// plan reads the resources of a plan: those of planned_values and the data
// sources read while planning (see readDataSources), each with its change
// from resource_changes, and the addresses the plan deletes.
func (d *decoder) plan(top map[string]any) ([]map[string]any, []any, error) {
	planned, err := d.object(top, "planned_values", "the file")
	if err != nil {
		return nil, nil, err
	}
	// prior_state's resources are read beside planned_values' (readDataSources
	// takes its data sources from them).
	var prior []map[string]any
	var priorErr error
	var wg sync.WaitGroup
	wg.Go(func() { prior, priorErr = d.priorResources(top) })
	var resources []map[string]any
	if planned != nil {
		resources, err = d.resources(planned, "planned_values")
	}
	wg.Wait()
	if err != nil {
		return nil, nil, err
	}
	changes, err := d.objects(top, "resource_changes", "the file")
	if err != nil {
		return nil, nil, err
	}

	byAddress := make(map[string]map[string]any, len(resources))
	for _, r := range resources {
		addr := r["address"].(string)
		if _, dup := byAddress[addr]; dup {
			return nil, nil, d.errorf("planned_values", "the resource %s appears twice", addr)
		}
		byAddress[addr] = r
	}
	if priorErr != nil {
		return nil, nil, priorErr
	}
	read := readDataSources(prior, byAddress)
	resources = append(resources, read...)
	// Each change's address and change, in order (the first error is the
	// one reported); then the befores that must be decoded, on every core;
	// then each change joins its resource.
	type joined struct {
		addr   string
		at     string
		change *change
		r      map[string]any // nil for a deposed object or a resource not planned
	}
	all := make([]joined, len(changes))
	var decode []int
	for i, rc := range changes {
		at := "resource_changes[" + strconv.Itoa(i) + "]"
		addr, err := d.str(rc, "address", at)
		if err != nil {
			return nil, nil, err
		}
		change, err := d.change(rc, at)
		if err != nil {
			return nil, nil, err
		}
		r := byAddress[addr]
		if deposed, _ := rc["deposed"].(string); deposed != "" {
			r = nil
		}
		all[i] = joined{addr, at, change, r}
		// Where Terraform wrote before and after alike, with the same
		// sensitive paths, before is planned_values' tree (below) and is
		// never decoded.
		if change.rawBefore != nil && (r == nil || !change.sameAsAfter) {
			decode = append(decode, i)
		}
	}
	if err := par.Do(len(decode), func(k int) error {
		j := &all[decode[k]]
		return j.change.decodeBefore(d, j.at)
	}); err != nil {
		return nil, nil, err
	}
	deleted := []any{}
	seen := map[string]bool{}
	for _, j := range all {
		change, r := j.change, j.r
		if r != nil {
			r["change"] = change.normalized
			// Belt and braces: the planned values carry their own
			// sensitive_values, which older formats (0.1) lack.
			redactAttributes(r["values"], change.afterSensitive)
			// A resource the plan leaves as it is (most of a plan) has the
			// same attributes before as after: share one tree, so that the
			// evaluator converts it and keeps it once.
			if change.sameAsAfter {
				change.normalized["before"] = r["values"]
			} else if before := change.normalized["before"]; before != nil && equal(before, r["values"]) {
				change.normalized["before"] = r["values"]
			}
		}
		if change.deletes && byAddress[j.addr] == nil && !seen[j.addr] {
			seen[j.addr] = true
			deleted = append(deleted, j.addr)
		}
	}
	slices.SortFunc(deleted, func(a, b any) int {
		return strings.Compare(a.(string), b.(string))
	})
	return resources, deleted, nil
}

// change is one resource change, normalized.
type change struct {
	normalized     map[string]any // actions, before (redacted, once decoded), after_unknown
	afterSensitive any
	deletes        bool // the actions include "delete"

	// rawBefore is before as written (decodeBefore decodes it);
	// sameAsAfter: before and after are written alike, and so are their
	// sensitive paths.
	rawBefore       providers.RawJSON
	beforeSensitive any
	sameAsAfter     bool
}

// decodeBefore decodes and redacts before where it was kept raw.
func (c *change) decodeBefore(d *decoder, at string) error {
	if c.rawBefore == nil {
		return nil
	}
	v, err := providers.DecodeJSON(d.file, c.rawBefore)
	if err != nil {
		return d.errorf(at+".change.before", "%v", err)
	}
	c.normalized["before"] = redactAttributes(v, c.beforeSensitive)
	c.rawBefore = nil
	return nil
}

func (d *decoder) change(rc map[string]any, at string) (*change, error) {
	c, err := d.object(rc, "change", at)
	if err != nil {
		return nil, err
	}
	if c == nil {
		return nil, d.errorf(at, `"change" is missing`)
	}
	at += ".change"
	actions, err := d.array(c, "actions", at)
	if err != nil {
		return nil, err
	}
	if actions == nil {
		actions = []any{}
	}
	out := &change{afterSensitive: c["after_sensitive"]}
	for i, a := range actions {
		s, ok := a.(string)
		if !ok {
			return nil, d.errorf(fmt.Sprintf("%s.actions[%d]", at, i), "the action is %s, not a string", describe(a))
		}
		out.deletes = out.deletes || s == "delete"
	}
	out.normalized = map[string]any{
		"actions":       actions,
		"after_unknown": c["after_unknown"],
	}
	if raw, ok := c["before"].(providers.RawJSON); ok {
		after, _ := c["after"].(providers.RawJSON)
		out.rawBefore, out.beforeSensitive = raw, c["before_sensitive"]
		out.sameAsAfter = after != nil && bytes.Equal(raw, after) && equal(c["before_sensitive"], c["after_sensitive"])
		if string(raw) == "null" {
			out.normalized["before"], out.rawBefore, out.sameAsAfter = nil, nil, false
		}
	} else {
		out.normalized["before"] = redactAttributes(c["before"], c["before_sensitive"])
	}
	return out, nil
}

// priorResources reads the resources of prior_state (the refreshed state
// the plan starts from), nil without one.
func (d *decoder) priorResources(top map[string]any) ([]map[string]any, error) {
	prior, err := d.object(top, "prior_state", "the file")
	if err != nil || prior == nil {
		return nil, err
	}
	values, err := d.object(prior, "values", "prior_state")
	if err != nil || values == nil {
		return nil, err
	}
	return d.resources(values, "prior_state.values")
}

// readDataSources returns the data sources of prior_state's resources that
// are not in planned, and adds them to planned. Terraform reads a data source
// while planning when it can, and writes the result only in prior_state:
// planned_values holds only the resources that have a change, so a data
// source there is one whose reading was deferred to apply (its change is
// ["read"]). Without prior_state, a policy on a data source would see it only
// when it could not be read.
func readDataSources(prior []map[string]any, planned map[string]map[string]any) []map[string]any {
	var read []map[string]any
	for _, r := range prior {
		addr := r["address"].(string)
		if r["mode"] != "data" || planned[addr] != nil {
			continue
		}
		planned[addr] = r
		read = append(read, r)
	}
	return read
}

// equal reports whether two decoded JSON values are the same.
func equal(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !equal(v, w) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case string, json.Number, bool, nil:
		return a == b
	}
	return false
}
