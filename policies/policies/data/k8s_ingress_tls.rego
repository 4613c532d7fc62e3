# METADATA
# title: Every ingress serves its hosts over TLS
# description: >-
#   Every Ingress has a TLS section, and every host its rules route is covered by
#   one of its TLS entries: traffic from user entities to the platform is
#   encrypted in transit. The population is every Ingress.
package soc1.data.k8s_ingress_tls

import data.soc1.lib.kubernetes

ingresses := kubernetes.of_kind("Ingress")

resources contains i.key if some i in ingresses

deny contains {"resource": i.key, "message": sprintf("%s has no TLS configuration", [i.key])} if {
	some i in ingresses
	count(object.get(i.object.spec, "tls", [])) == 0
}

deny contains {"resource": i.key, "message": sprintf("%s routes %s without TLS", [i.key, host])} if {
	some i in ingresses
	count(object.get(i.object.spec, "tls", [])) > 0
	covered := {h | some t in i.object.spec.tls; some h in object.get(t, "hosts", [])}
	some rule in object.get(i.object.spec, "rules", [])
	host := object.get(rule, "host", "*")
	not covered[host]
}
