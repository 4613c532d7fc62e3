package soc1.data.k8s_ingress_tls_test

import data.soc1.data.k8s_ingress_tls as control

ingress(spec) := {"kubernetes": {"by_kind": {"Ingress": [{"key": "Ingress/app/web", "object": {"spec": spec}}]}}}

test_tls_ingress_passes if {
	inp := ingress({"tls": [{"hosts": ["app.example.com"]}], "rules": [{"host": "app.example.com"}]})
	count(control.deny) == 0 with input as inp
	control.resources == {"Ingress/app/web"} with input as inp
}

test_plain_ingress_fails if {
	count(control.deny) == 1 with input as ingress({"rules": [{"host": "app.example.com"}]})
}

test_uncovered_host_fails if {
	count(control.deny) == 1 with input as ingress({"tls": [{"hosts": ["app.example.com"]}], "rules": [{"host": "app.example.com"}, {"host": "admin.example.com"}]})
}
