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
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return nil, notTerraform(file, "this is a binary plan file (terraform plan -out); convert it with: terraform show -json PLANFILE > plan.json")
	}
	data, err := providers.TrimBOM(file, data)
	if err != nil {
		return nil, err
	}
	root, err := providers.DecodeJSON(file, data)
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
