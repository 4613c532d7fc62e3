# METADATA
# title: cluster-admin is bound only to approved groups
# description: >-
#   Every ClusterRoleBinding and RoleBinding that grants the cluster-admin
#   ClusterRole names only groups on management's approved list
#   (approvals/privileged-access.yaml, kubernetes_cluster_admin_groups): never a
#   user, never a service account, never an unapproved group. The population is
#   every role binding.
package soc1.access.k8s_cluster_admin

import data.soc1.lib.kubernetes

approved := {g | some g in object.get(input.approved_access.content, "kubernetes_cluster_admin_groups", [])}

bindings := array.concat(kubernetes.of_kind("ClusterRoleBinding"), kubernetes.of_kind("RoleBinding"))

resources contains b.key if some b in bindings

deny contains {"resource": b.key, "message": msg} if {
	some b in bindings
	b.object.roleRef.kind == "ClusterRole"
	b.object.roleRef.name == "cluster-admin"
	some s in object.get(b.object, "subjects", [])
	not approved_subject(s)
	msg := sprintf("%s binds cluster-admin to %s %q, which is not an approved group", [b.key, s.kind, s.name])
}

approved_subject(s) if {
	s.kind == "Group"
	approved[s.name]
}
