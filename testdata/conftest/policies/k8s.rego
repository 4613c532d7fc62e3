# A conftest policy as teams write them, unchanged: deny, deny_NAME, violation,
# warn and exception rules over one manifest document at a time.
package k8s

import rego.v1

deny contains msg if {
	input.kind == "Deployment"
	not input.spec.template.spec.securityContext.runAsNonRoot
	msg := sprintf("Deployment %s must set securityContext.runAsNonRoot", [input.metadata.name])
}

deny_latest_tag contains msg if {
	input.kind == "Deployment"
	some c in input.spec.template.spec.containers
	endswith(c.image, ":latest")
	msg := sprintf("container %s in %s uses a :latest image", [c.name, input.metadata.name])
}

violation contains {"msg": msg, "details": {"container": c.name}} if {
	input.kind == "Deployment"
	some c in input.spec.template.spec.containers
	c.securityContext.privileged == true
	msg := sprintf("container %s in %s is privileged", [c.name, input.metadata.name])
}

warn contains msg if {
	input.kind == "Service"
	input.spec.type == "LoadBalancer"
	msg := sprintf("Service %s is exposed through a load balancer", [input.metadata.name])
}

exception contains rules if {
	input.metadata.name == "legacy-batch"
	rules := ["latest_tag"]
}
