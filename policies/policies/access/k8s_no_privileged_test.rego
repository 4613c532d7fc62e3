package soc1.access.k8s_no_privileged_test

import data.soc1.access.k8s_no_privileged as control

safe := {"name": "app", "securityContext": {"allowPrivilegeEscalation": false}}

pod(spec) := {"kubernetes": {"pod_specs": [{"key": "Deployment/app/api", "spec": spec}]}}

test_restricted_pod_passes if {
	inp := pod({"securityContext": {"runAsNonRoot": true}, "containers": [safe]})
	count(control.deny) == 0 with input as inp
	control.resources == {"Deployment/app/api"} with input as inp
}

test_privileged_container_fails if {
	privileged := {"name": "app", "securityContext": {"allowPrivilegeEscalation": false, "privileged": true}}
	denied := control.deny with input as pod({"securityContext": {"runAsNonRoot": true}, "containers": [privileged]})
	denied == {{"resource": "Deployment/app/api", "message": "Deployment/app/api: container app is privileged"}}
}

test_root_init_container_fails if {
	count(control.deny) == 1 with input as pod({"containers": [object.union(safe, {"securityContext": {"allowPrivilegeEscalation": false, "runAsNonRoot": true}})], "initContainers": [object.union(safe, {"name": "init"})]})
}

test_host_network_fails if {
	count(control.deny) == 1 with input as pod({"hostNetwork": true, "securityContext": {"runAsNonRoot": true}, "containers": [safe]})
}
