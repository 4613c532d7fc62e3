# Images are pinned to a version tag or a digest: no latest, no bare name.
package socle.bench.k8s.image_pinned

import data.socle.bench.k8s.lib

resources contains p.key if some p in input.kubernetes.pod_specs

deny contains {"resource": p.key, "msg": sprintf("%s: container %s uses the unpinned image %s", [p.key, c.name, c.image])} if {
	some p in input.kubernetes.pod_specs
	some c in lib.containers(p.spec)
	not lib.pinned(c.image)
}
