# METADATA
# title: Kubernetes helpers
# description: >-
#   Objects of the kubernetes provider's document (input.kubernetes) by kind, and
#   every container of every workload's pod spec.
package soc1.lib.kubernetes

# of_kind(k) is the list of entries of kind k ([] when there are none).
of_kind(k) := object.get(input.kubernetes.by_kind, k, [])

# containers holds {"key", "kind", "container", "spec"}: every container, init
# container and ephemeral container of every workload.
containers contains {"key": p.key, "kind": kind, "container": c, "spec": p.spec} if {
	some p in input.kubernetes.pod_specs
	some kind in ["containers", "initContainers", "ephemeralContainers"]
	some c in object.get(p.spec, kind, [])
}
