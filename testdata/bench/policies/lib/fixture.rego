# Builders of normalized Terraform plan input for the policies' unit tests.
package socle.bench.lib.fixture

# resource is a managed, unchanged resource in the root module.
resource(type, name, values) := {
	"address": sprintf("%s.%s", [type, name]),
	"module": "",
	"mode": "managed",
	"type": type,
	"name": name,
	"index": null,
	"provider": "registry.terraform.io/hashicorp/aws",
	"values": values,
	"change": {"actions": ["no-op"], "before": values, "after_unknown": {}},
}

# created is resource r planned for creation with attributes unknown until apply.
created(r, unknown) := object.union(r, {"change": {
	"actions": ["create"],
	"before": null,
	"after_unknown": {a: true | some a in unknown},
}})

# plan is the input of a control whose providers are [terraform].
plan(resources) := plan_deleting(resources, [])

plan_deleting(resources, deleted) := {"terraform": {
	"kind": "plan",
	"resources": {r.address: r | some r in resources},
	"by_type": {t: [r | some r in resources; r.mode == "managed"; r.type == t] |
		some t in {r.type | some r in resources}
	},
	"deleted": deleted,
}}
