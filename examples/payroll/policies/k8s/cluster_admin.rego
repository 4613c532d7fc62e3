# cluster-admin is bound only to approved groups, never to a user.
package acme.k8s.cluster_admin

approved_groups := {"platform-admins"}

bindings contains b if {
	some b in object.get(input.kubernetes.by_kind, "ClusterRoleBinding", [])
	b.object.roleRef.name == "cluster-admin"
}

resources contains b.key if some b in object.get(input.kubernetes.by_kind, "ClusterRoleBinding", [])

deny contains {"resource": b.key, "message": sprintf("%s binds cluster-admin to %s %s, which is not approved", [b.key, s.kind, s.name])} if {
	some b in bindings
	some s in b.object.subjects
	not approved(s)
}

approved(s) if {
	s.kind == "Group"
	approved_groups[s.name]
}
