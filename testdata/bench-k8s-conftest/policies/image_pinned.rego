package bench.k8s.image_pinned

import data.bench.k8s.lib

deny contains sprintf("%s: container %s uses the unpinned image %s", [lib.key, c.name, c.image]) if {
	some c in lib.containers
	not lib.pinned(c.image)
}
