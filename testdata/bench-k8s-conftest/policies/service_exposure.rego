package bench.k8s.service_exposure

import data.bench.k8s.lib

deny contains sprintf("%s: the Service is exposed on a node port", [lib.key]) if {
	input.kind == "Service"
	input.spec.type == "NodePort"
}

deny contains sprintf("%s: the load balancer admits the whole internet (no loadBalancerSourceRanges)", [lib.key]) if {
	input.kind == "Service"
	input.spec.type == "LoadBalancer"
	count(object.get(input.spec, "loadBalancerSourceRanges", [])) == 0
}
