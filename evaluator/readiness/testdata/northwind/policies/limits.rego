# A conftest policy, used unchanged (policy_style = "conftest").
package main

deny contains msg if {
	input.kind == "Deployment"
	some c in input.spec.template.spec.containers
	not c.resources.limits
	msg := sprintf("%s: container %s declares no resource limits", [input.metadata.name, c.name])
}
