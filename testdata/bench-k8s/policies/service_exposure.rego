# Services are not exposed on node ports, and a load balancer admits only
# the source ranges it names.
package socle.bench.k8s.service_exposure

resources contains s.key if some s in input.kubernetes.by_kind.Service

deny contains {"resource": s.key, "msg": sprintf("%s: the Service is exposed on a node port", [s.key])} if {
	some s in input.kubernetes.by_kind.Service
	s.object.spec.type == "NodePort"
}

deny contains {"resource": s.key, "msg": sprintf("%s: the load balancer admits the whole internet (no loadBalancerSourceRanges)", [s.key])} if {
	some s in input.kubernetes.by_kind.Service
	s.object.spec.type == "LoadBalancer"
	count(object.get(s.object.spec, "loadBalancerSourceRanges", [])) == 0
}
