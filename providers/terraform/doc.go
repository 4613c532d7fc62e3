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
// (Terraform 0.12 to 1.x); another major version is an error. Terraform 1.x
// writes plans in versions 0.1 (1.0.0), 0.2 (1.0.1 to 1.0.11), 1.0 (1.1),
// 1.1 (1.2 to at least 1.5) and 1.2 (current releases), and states in 0.1,
// 0.2 and 1.0 (1.1 and later); each is tested. A binary plan file or a raw
// terraform.tfstate is an error saying how to convert it.
//
// source names the directory, inside the repository, of the .tf files of the
// configuration the plan or state was made from: its root module. socle reads
// the .tf and .tf.json files there, as Terraform does (not those of
// subdirectories; override files last; editor backups such as ".x.tf",
// "x.tf~" and "#x.tf#" and other files are ignored), and, recursively, the
// directories of the modules they call with a local source ("./…", "../…").
// A module with any other source (the registry, git, a URL) is skipped
// without a warning: its files are not in the repository. Only the resource,
// data, module and check blocks are read, and no expression is evaluated but
// a module's source, which Terraform requires to be a literal string. Each
// resource of the document then carries the location of its block (see
// below). Nothing here stops the load: a file with a syntax error, a module
// directory that is missing or outside the repository, a source that does not
// exist, or a configuration declaring none of the document's resources is a
// warning with its position, and the resources concerned have a null source.
// The files read are among the document's sources; its parameters are
// "snapshot" (the file read) and "source".
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
// state, in all modules, keyed by address: for a state, those of values; for
// a plan, those of planned_values (what the state will be after apply) and
// the data sources Terraform read while planning. Terraform writes those
// only in prior_state, as planned_values holds only what has a change: they
// are taken from there, with a null change, unless planned_values has them
// (a data source whose reading is deferred to apply, with a ["read"]
// change). Deposed objects (replaced, not yet destroyed, with a
// "deposed_key" in a state or "deposed" in a change) are left out: an
// address names its current object.
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
//	  "change":   { "actions": [ … ], "before": …, "after_unknown": … } | null,
//	  "source":   { "file": "infra/prod/modules/net/main.tf", "line": 10 } | null
//	}
//
// change is the resource's entry in a plan's resource_changes: actions (such
// as ["create"], ["delete", "create"] or ["no-op"]), the value before the
// change and after_unknown, the mask of attributes known only after apply. It
// is null for a state, and for a plan resource without a change.
//
// source is where the resource's block is declared: the repository path of
// the .tf file and the line of the block header (resource "aws_subnet"
// "private" {). A resource is matched with its block by module path, mode,
// type and name: the instances of a count or for_each block, and of a module
// called with count or for_each, share the location of the block (the same
// object), and module.a.module.b.aws_x.y[0] is the block resource "aws_x" "y"
// in the directory of module b as module a calls it. A data block inside a
// check block is found too. source is null when no source is configured,
// when the block is not found (a resource removed from the configuration, in
// a state; a module from the registry), or when its file could not be read.
//
// Values Terraform marks sensitive (sensitive_values for values,
// before_sensitive for change.before; after_sensitive is applied to values
// too, for formats older than sensitive_values) are replaced by the string
// "(sensitive)": a whole attribute, a nested object's field or a list element.
// A resource wholly marked sensitive keeps its attribute names, each value
// redacted. Nothing marked sensitive reaches a policy or a report. Format 0.1
// (Terraform 1.0.0 and earlier) marks sensitive values only in a plan's
// changes: a 0.1 file with resources loads with a warning saying so.
//
// Numbers are JSON numbers as written in the file. Malformed JSON is an
// "Invalid JSON" error with the line and column; a field of the wrong type is
// an "Invalid Terraform plan" (or state) error naming its JSON path.
//
// The package reads files only through the repository file system it is
// given and imports nothing of the evaluator.
package terraform
