package bench.k8s.non_root

import data.bench.k8s.lib

deny contains sprintf("%s: container %s may run as root", [lib.key, c.name]) if {
	object.get(lib.pod_spec, ["securityContext", "runAsNonRoot"], false) != true
	some c in lib.containers
	object.get(c, ["securityContext", "runAsNonRoot"], false) != true
}
