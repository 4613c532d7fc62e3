# No privileged container, and every pod runs as non-root.
package acme.k8s.no_privileged

resources contains p.key if some p in input.kubernetes.pod_specs

deny contains {"resource": p.key, "message": sprintf("%s: container %s is privileged", [p.key, c.name])} if {
	some p in input.kubernetes.pod_specs
	some c in p.spec.containers
	c.securityContext.privileged == true
}

deny contains {"resource": p.key, "message": sprintf("%s does not set runAsNonRoot", [p.key])} if {
	some p in input.kubernetes.pod_specs
	not p.spec.securityContext.runAsNonRoot
}
