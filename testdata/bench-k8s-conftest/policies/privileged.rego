package bench.k8s.privileged

import data.bench.k8s.lib

deny contains sprintf("%s: container %s runs privileged", [lib.key, c.name]) if {
	some c in lib.containers
	object.get(c, ["securityContext", "privileged"], false) == true
}

deny contains sprintf("%s: container %s allows privilege escalation", [lib.key, c.name]) if {
	some c in lib.containers
	object.get(c, ["securityContext", "allowPrivilegeEscalation"], true) != false
}
