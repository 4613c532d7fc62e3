package bench.k8s.ingress_tls

import data.bench.k8s.lib

deny contains sprintf("%s: the Ingress serves plain HTTP (no tls)", [lib.key]) if {
	input.kind == "Ingress"
	count(object.get(input.spec, "tls", [])) == 0
}
