# Every container has CPU and memory limits.
package socle.bench.k8s.resource_limits

import data.socle.bench.k8s.lib

resources contains p.key if some p in input.kubernetes.pod_specs

deny contains {"resource": p.key, "msg": sprintf("%s: container %s has no %s limit", [p.key, c.name, r])} if {
	some p in input.kubernetes.pod_specs
	some c in lib.containers(p.spec)
	some r in ["cpu", "memory"]
	object.get(c, ["resources", "limits", r], "") == ""
}
