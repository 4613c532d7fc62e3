# METADATA
# title: No workload runs privileged, as root, or in the host's namespaces
# description: >-
#   Every container of every workload (pod, deployment, stateful set, daemon set,
#   job, cron job …) is not privileged and does not allow privilege escalation;
#   every pod runs as non-root (runAsNonRoot, on the pod or on each container) and
#   does not share the node's network, PID or IPC namespace. The population is every
#   workload.
package soc1.access.k8s_no_privileged

import data.soc1.lib.kubernetes

resources contains p.key if some p in input.kubernetes.pod_specs

deny contains {"resource": c.key, "message": sprintf("%s: container %s is privileged", [c.key, c.container.name])} if {
	some c in kubernetes.containers
	object.get(c.container, ["securityContext", "privileged"], false) == true
}

deny contains {"resource": c.key, "message": sprintf("%s: container %s does not set allowPrivilegeEscalation: false", [c.key, c.container.name])} if {
	some c in kubernetes.containers
	object.get(c.container, ["securityContext", "allowPrivilegeEscalation"], true) != false
}

deny contains {"resource": c.key, "message": sprintf("%s: container %s may run as root (runAsNonRoot is not set on it or on the pod)", [c.key, c.container.name])} if {
	some c in kubernetes.containers
	not non_root(c)
}

deny contains {"resource": p.key, "message": sprintf("%s shares the node's %s", [p.key, field])} if {
	some p in input.kubernetes.pod_specs
	some field in ["hostNetwork", "hostPID", "hostIPC"]
	object.get(p.spec, field, false) == true
}

non_root(c) if c.container.securityContext.runAsNonRoot == true

non_root(c) if {
	c.spec.securityContext.runAsNonRoot == true
	object.get(c.container, ["securityContext", "runAsNonRoot"], true) != false
}
