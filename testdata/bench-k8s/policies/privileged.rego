# No container runs privileged or may gain more privileges than its process
# has (allowPrivilegeEscalation defaults to true).
package socle.bench.k8s.privileged

import data.socle.bench.k8s.lib

resources contains p.key if some p in input.kubernetes.pod_specs

deny contains {"resource": p.key, "msg": sprintf("%s: container %s runs privileged", [p.key, c.name])} if {
	some p in input.kubernetes.pod_specs
	some c in lib.containers(p.spec)
	object.get(c, ["securityContext", "privileged"], false) == true
}

deny contains {"resource": p.key, "msg": sprintf("%s: container %s allows privilege escalation", [p.key, c.name])} if {
	some p in input.kubernetes.pod_specs
	some c in lib.containers(p.spec)
	object.get(c, ["securityContext", "allowPrivilegeEscalation"], true) != false
}
