package terraform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/socle-dev/socle/providers"
)

// normalize turns the content of a plan or state JSON file into the
// document.
func normalize(file string, data []byte) (*providers.Document, error) {
	return normalizeSkipping(file, data, true)
}

// normalizeSkipping is normalize; lean leaves out what the document does not
// use (unused) and keeps each change's before and after raw until they are
// compared (changeValues). Tests compare it with lean false.
func normalizeSkipping(file string, data []byte, lean bool) (*providers.Document, error) {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return nil, notTerraform(file, "this is a binary plan file (terraform plan -out); convert it with: terraform show -json PLANFILE > plan.json")
	}
	data, err := providers.TrimBOM(file, data)
	if err != nil {
		return nil, err
	}
	var skip, raw providers.SkipFunc
	if lean {
		skip, raw = unused, changeValues
	}
	root, err := providers.DecodeJSONRaw(file, data, skip, raw)
	if err != nil {
		return nil, err
	}
	top, ok := root.(map[string]any)
	if !ok {
		return nil, notTerraform(file, fmt.Sprintf("the file holds %s, not the object terraform show -json writes", describe(root)))
	}
	kind, err := detect(file, top)
	if err != nil {
		return nil, err
	}
	d := &decoder{file: file, kind: kind}
	formatVersion, err := d.version(top)
	if err != nil {
		return nil, err
	}
	terraformVersion, err := d.optString(top, "terraform_version", "the file")
	if err != nil {
		return nil, err
	}

	var resources []map[string]any
	var deleted []any
	if kind == "plan" {
		resources, deleted, err = d.plan(top)
	} else {
		resources, err = d.state(top)
		deleted = []any{}
	}
	if err != nil {
		return nil, err
	}

	byAddress := make(map[string]any, len(resources))
	for _, r := range resources {
		byAddress[r["address"].(string)] = r
	}
	doc := &providers.Document{
		Value: map[string]any{
			"kind":              kind,
			"format_version":    formatVersion,
			"terraform_version": terraformVersion,
			"resources":         byAddress,
			"by_type":           byType(resources),
			"deleted":           deleted,
		},
		Sources: []string{file},
		Items:   len(resources),
	}
	if formatVersion == "0.1" && len(resources) > 0 {
		doc.Warnings = append(doc.Warnings, &providers.SourceError{
			File:    file,
			Summary: "Sensitive values not marked",
			Detail:  `format_version 0.1 (written by Terraform 1.0.0 and earlier) marks sensitive values only in a plan's resource changes, and only since Terraform 0.14: the values of a state, and of data sources read while planning, carry no mark, so socle cannot redact them; write the file again with Terraform 1.0.1 or later`,
		})
	}
	if errored, _ := top["errored"].(bool); errored {
		doc.Warnings = append(doc.Warnings, &providers.SourceError{
			File:    file,
			Summary: "Terraform plan errored",
			Detail:  `Terraform reported errors while planning ("errored": true), so the planned values may be incomplete; fix the errors and write the plan again`,
		})
	}
	return doc, nil
}

// unused names the parts of a plan that the document does not use, so that
// they are not decoded (a large plan holds its resources' attributes up to
// four times): the attributes of the managed resources of prior_state, from
// which only data sources are taken (see readDataSources). A file without
// them, or with them elsewhere, decodes in full.
func unused(path []string, before func(string) any) bool {
	switch {
	case len(path) >= 6 && path[0] == "prior_state" && path[1] == "values" && path[2] == "root_module":
		// prior_state.values.root_module(.child_modules[i])*.resources[j].values
		mid, last := path[3:len(path)-1], path[len(path)-1]
		if last != "values" && last != "sensitive_values" || len(mid)%2 != 0 || mid[len(mid)-2] != "resources" || mid[len(mid)-1] != "" {
			return false
		}
		for i := 0; i < len(mid)-2; i += 2 {
			if mid[i] != "child_modules" || mid[i+1] != "" {
				return false
			}
		}
		return before("mode") == "managed"
	}
	return false
}

// changeValues names each resource change's before and after, kept raw: the
// document takes after from planned_values (which holds it) and needs before
// only where it differs from after; most of a plan leaves its resources as
// they are, and their before is then planned_values' tree (see plan).
func changeValues(path []string, _ func(string) any) bool {
	return len(path) == 4 && path[0] == "resource_changes" && path[2] == "change" && (path[3] == "before" || path[3] == "after")
}

// detect tells a plan from a state by content. An empty state is written as
// only its format version (and Terraform version).
func detect(file string, top map[string]any) (string, error) {
	switch {
	case has(top, "planned_values") || has(top, "resource_changes"):
		return "plan", nil
	case has(top, "values"):
		return "state", nil
	case has(top, "lineage") || has(top, "serial"):
		return "", notTerraform(file, "this is a raw state file (terraform.tfstate); socle reads the JSON terraform show -json writes: terraform show -json > state.json")
	}
	empty := has(top, "format_version")
	for k := range top {
		if k != "format_version" && k != "terraform_version" && k != "checks" {
			empty = false
		}
	}
	if empty {
		return "state", nil
	}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range top {
			if !yield(strconv.Quote(k)) {
				return
			}
		}
	})
	found := "an empty object"
	if len(keys) > 0 {
		if len(keys) > 8 {
			keys = append(keys[:8], "…")
		}
		found = "an object with the keys " + strings.Join(keys, ", ")
	}
	return "", notTerraform(file, fmt.Sprintf(`the file holds %s; a plan has "planned_values", a state "values" (write them with terraform show -json)`, found))
}

func has(m map[string]any, key string) bool {
	_, ok := m[key]
	return ok
}

func notTerraform(file, detail string) *providers.SourceError {
	return &providers.SourceError{File: file, Summary: "Not a Terraform plan or state", Detail: detail}
}

// describe names the JSON type of v for messages.
func describe(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	}
	return "null"
}

// byType indexes the managed resources by type, each list sorted by address.
// The lists hold the same maps as resources.
func byType(resources []map[string]any) map[string]any {
	lists := map[string][]map[string]any{}
	for _, r := range resources {
		if r["mode"] == "managed" {
			t := r["type"].(string)
			lists[t] = append(lists[t], r)
		}
	}
	out := make(map[string]any, len(lists))
	for t, list := range lists {
		slices.SortFunc(list, func(a, b map[string]any) int {
			return strings.Compare(a["address"].(string), b["address"].(string))
		})
		vals := make([]any, len(list))
		for i, r := range list {
			vals[i] = r
		}
		out[t] = vals
	}
	return out
}
