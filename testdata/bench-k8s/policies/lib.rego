# Helpers shared by the Kubernetes benchmark policies. Each works on the one
# value it is given, so the policies that call them per workload stay linear.
package socle.bench.k8s.lib

# containers(spec) is every container of a pod spec, init containers included.
containers(spec) := array.concat(object.get(spec, "containers", []), object.get(spec, "initContainers", []))

# pinned(image) holds when an image names a digest, or a tag other than latest.
pinned(image) if contains(image, "@sha256:")

pinned(image) if {
	not contains(image, "@")
	parts := split(image, "/")
	name := parts[count(parts) - 1]
	contains(name, ":")
	split(name, ":")[1] != "latest"
}
