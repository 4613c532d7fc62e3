# The pod spec and containers of the manifest document conftest gives as
# input, and its key as socle's kubernetes provider writes it.
package bench.k8s.lib

workloads := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController"}

key := sprintf("%s/%s/%s", [input.kind, object.get(input.metadata, "namespace", "default"), input.metadata.name])

pod_spec := input.spec if input.kind == "Pod"

pod_spec := input.spec.template.spec if input.kind in workloads

pod_spec := input.spec.jobTemplate.spec.template.spec if input.kind == "CronJob"

containers := array.concat(object.get(pod_spec, "containers", []), object.get(pod_spec, "initContainers", []))

pinned(image) if contains(image, "@sha256:")

pinned(image) if {
	not contains(image, "@")
	parts := split(image, "/")
	name := parts[count(parts) - 1]
	contains(name, ":")
	split(name, ":")[1] != "latest"
}
