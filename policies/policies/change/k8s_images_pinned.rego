# METADATA
# title: Workloads run images pinned to a released version
# description: >-
#   Every container of every workload names its image by digest (@sha256:…) or by
#   a version tag — never without a tag, never "latest" — so that what runs in
#   production is the release that change management approved, and the same
#   release tomorrow.
package soc1.change.k8s_images_pinned

import data.soc1.lib.kubernetes

resources contains p.key if some p in input.kubernetes.pod_specs

deny contains {"resource": c.key, "message": sprintf("%s: container %s runs %q, which is not pinned to a version (%s)", [c.key, c.container.name, c.container.image, why])} if {
	some c in kubernetes.containers
	why := unpinned(c.container.image)
}

unpinned(image) := "no tag" if {
	not contains(image, "@")
	not tag(image)
}

unpinned(image) := "the latest tag" if {
	not contains(image, "@")
	tag(image) == "latest"
}

# tag(image) is the tag of an image reference: what follows the last ":" of its
# last path segment (a registry's port is in the first segment).
tag(image) := t if {
	parts := split(image, "/")
	last := parts[count(parts) - 1]
	contains(last, ":")
	t := split(last, ":")[1]
}
