package soc1.access.k8s_cluster_admin_test

import data.soc1.access.k8s_cluster_admin as control

approved := {"content": {"kubernetes_cluster_admin_groups": ["platform-admins"]}}

binding(subject) := {"key": "ClusterRoleBinding//admins", "object": {"roleRef": {"kind": "ClusterRole", "name": "cluster-admin"}, "subjects": [subject]}}

k8s(b) := {"kubernetes": {"by_kind": {"ClusterRoleBinding": [b]}}, "approved_access": approved}

test_approved_group_passes if {
	count(control.deny) == 0 with input as k8s(binding({"kind": "Group", "name": "platform-admins"}))
	control.resources == {"ClusterRoleBinding//admins"} with input as k8s(binding({"kind": "Group", "name": "platform-admins"}))
}

test_user_binding_fails if {
	denied := control.deny with input as k8s(binding({"kind": "User", "name": "dev@example.com"}))
	denied == {{"resource": "ClusterRoleBinding//admins", "message": "ClusterRoleBinding//admins binds cluster-admin to User \"dev@example.com\", which is not an approved group"}}
}

test_service_account_binding_fails if {
	count(control.deny) == 1 with input as k8s(binding({"kind": "ServiceAccount", "name": "ci", "namespace": "default"}))
}

test_other_roles_pass if {
	view := {"key": "RoleBinding/app/view", "object": {"roleRef": {"kind": "ClusterRole", "name": "view"}, "subjects": [{"kind": "User", "name": "dev@example.com"}]}}
	count(control.deny) == 0 with input as {"kubernetes": {"by_kind": {"RoleBinding": [view]}}, "approved_access": approved}
}
