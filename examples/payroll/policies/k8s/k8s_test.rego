package acme.k8s_test

import data.acme.k8s.cluster_admin
import data.acme.k8s.no_privileged

pod(privileged, non_root) := {"pod_specs": [{"key": "Deployment/ns/app", "spec": {
	"securityContext": {"runAsNonRoot": non_root},
	"containers": [{"name": "c", "securityContext": {"privileged": privileged}}],
}}]}

test_hardened_pod_passes if {
	count(no_privileged.deny) == 0 with input as {"kubernetes": pod(false, true)}
}

test_privileged_root_pod_fails_twice if {
	count(no_privileged.deny) == 2 with input as {"kubernetes": pod(true, false)}
}

binding(kind, name) := {"by_kind": {"ClusterRoleBinding": [{"key": "ClusterRoleBinding//x", "object": {
	"roleRef": {"name": "cluster-admin"},
	"subjects": [{"kind": kind, "name": name}],
}}]}}

test_approved_group_passes if {
	count(cluster_admin.deny) == 0 with input as {"kubernetes": binding("Group", "platform-admins")}
}

test_user_binding_fails if {
	count(cluster_admin.deny) == 1 with input as {"kubernetes": binding("User", "alice")}
}
