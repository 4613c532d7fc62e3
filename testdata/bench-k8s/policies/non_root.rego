# Containers run as a non-root user: runAsNonRoot is set on the pod or on the
# container.
package socle.bench.k8s.non_root

import data.socle.bench.k8s.lib

resources contains p.key if some p in input.kubernetes.pod_specs

deny contains {"resource": p.key, "msg": sprintf("%s: container %s may run as root", [p.key, c.name])} if {
	some p in input.kubernetes.pod_specs
	object.get(p.spec, ["securityContext", "runAsNonRoot"], false) != true
	some c in lib.containers(p.spec)
	object.get(c, ["securityContext", "runAsNonRoot"], false) != true
}
