package bench.k8s.resource_limits

import data.bench.k8s.lib

deny contains sprintf("%s: container %s has no %s limit", [lib.key, c.name, r]) if {
	some c in lib.containers
	some r in ["cpu", "memory"]
	object.get(c, ["resources", "limits", r], "") == ""
}
