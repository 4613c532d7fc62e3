# No container runs privileged: every pod spec the snapshot defines (pods,
# and the pod templates of deployments, daemon sets, jobs, …) is examined.
package socle.kubernetes.no_privileged

resources contains ps.key if some ps in input.kubernetes.pod_specs

deny contains {"resource": ps.key, "message": msg} if {
	some ps in input.kubernetes.pod_specs
	some field in ["initContainers", "containers", "ephemeralContainers"]
	some c in ps.spec[field]
	c.securityContext.privileged == true
	msg := sprintf("container %q (%s of %s) runs privileged", [c.name, field, ps.path])
}
