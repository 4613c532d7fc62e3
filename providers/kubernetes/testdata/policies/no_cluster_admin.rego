# cluster-admin is never bound cluster-wide to a person or a group: only to
# service accounts of the platform's own controllers.
package socle.kubernetes.no_cluster_admin

bindings := object.get(input.kubernetes.by_kind, "ClusterRoleBinding", [])

resources contains b.key if some b in bindings

deny contains {"resource": b.key, "message": msg} if {
	some b in bindings
	b.object.roleRef.kind == "ClusterRole"
	b.object.roleRef.name == "cluster-admin"
	some s in b.object.subjects
	s.kind in {"User", "Group"}
	msg := sprintf("%s binds cluster-admin to the %s %q (%s:%d)", [b.name, s.kind, s.name, b.source.file, b.source.line])
}
