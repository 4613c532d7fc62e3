// Package terraform is the "terraform" provider: a Terraform plan or state as
// terraform show -json writes it.
//
// # Configuration
//
//	provider "terraform" {
//	  snapshot = "snapshots/prod/plan.json" # required
//	  source   = "infra/prod"               # optional
//	}
//
// snapshot names one file inside the policy repository: the JSON of a plan
// (terraform show -json PLANFILE) or of a state (terraform show -json). A
// directory or glob must resolve to exactly one file. Plan and state are told
// apart by content: a plan has "planned_values" or "resource_changes", a state
// "values"; an empty state, written as only its format version, is a state
// with no resources. Versions 0.x and 1.x of the JSON format are read
// (Terraform 0.12 to 1.x); another major version is an error. A binary plan
// file or a raw terraform.tfstate is an error saying how to convert it.
//
// source names the directory of the configuration's .tf files. It is checked
// (it must stay inside the repository) but not read yet.
//
// # Document
//
//	{
//	  "kind":              "plan" | "state",
//	  "format_version":    "1.2",
//	  "terraform_version": "1.9.5",        // "" when the file has none
//	  "resources":         { "<address>": <resource>, … },
//	  "by_type":           { "<type>": [ <resource>, … ], … },
//	  "deleted":           [ "<address>", … ]
//	}
//
// resources holds every managed and data resource instance of the resulting
// state, in all modules, keyed by address: for a plan, those of
// planned_values (what the state will be after apply; a data source read
// while planning is not there, as Terraform writes it only in prior_state);
// for a state, those of values. A state's deposed objects (replaced, not yet
// destroyed) are left out: an address names its current object.
//
// by_type lists the managed resources (not data sources) of each type, sorted
// by address. Its elements are the same objects as in resources.
//
// deleted lists, sorted, the addresses a plan deletes: its changes whose
// actions include "delete" and that are not in planned_values (a replaced
// resource is in planned_values, so it is not deleted). It is empty for a
// state.
//
// Each resource is:
//
//	{
//	  "address":  "module.net.aws_subnet.private[\"a\"]",
//	  "module":   "module.net",          // "" in the root module
//	  "mode":     "managed" | "data",
//	  "type":     "aws_subnet",
//	  "name":     "private",
//	  "index":    "a",                   // count: a number; for_each: a string; else null
//	  "provider": "registry.terraform.io/hashicorp/aws",
//	  "values":   { … },                 // the attributes; {} when the file has none
//	  "change":   { "actions": [ … ], "before": …, "after_unknown": … } | null
//	}
//
// change is the resource's entry in a plan's resource_changes: actions (such
// as ["create"], ["delete", "create"] or ["no-op"]), the value before the
// change and after_unknown, the mask of attributes known only after apply. It
// is null for a state, and for a plan resource without a change.
//
// Values Terraform marks sensitive (sensitive_values for values,
// before_sensitive for change.before; after_sensitive is applied to values
// too, for formats older than sensitive_values) are replaced by the string
// "(sensitive)": a whole attribute, a nested object's field or a list element.
// A resource wholly marked sensitive keeps its attribute names, each value
// redacted. Nothing sensitive reaches a policy or a report.
//
// Numbers are JSON numbers as written in the file. Malformed JSON is an
// "Invalid JSON" error with the line and column; a field of the wrong type is
// an "Invalid Terraform plan" (or state) error naming its JSON path.
//
// The package reads files only through the repository file system it is
// given and imports nothing of the evaluator.
package terraform
