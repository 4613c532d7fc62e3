# Every Ingress terminates TLS.
package socle.bench.k8s.ingress_tls

resources contains i.key if some i in input.kubernetes.by_kind.Ingress

deny contains {"resource": i.key, "msg": sprintf("%s: the Ingress serves plain HTTP (no tls)", [i.key])} if {
	some i in input.kubernetes.by_kind.Ingress
	count(object.get(i.object.spec, "tls", [])) == 0
}
