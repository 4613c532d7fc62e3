# METADATA
# title: Only approved PostgreSQL roles are superusers
# description: >-
#   No role of the ledger database that can log in is a superuser unless it is on
#   management's approved list (approvals/privileged-access.yaml,
#   postgres_superusers): in particular, no application role is a superuser. The
#   population is every role that can log in.
package soc1.access.postgres_superusers

approved := {name | some name in object.get(input.approved_access.content, "postgres_superusers", [])}

login_roles contains role if {
	some role in input.postgres.roles
	role.login
}

resources contains role.name if some role in login_roles

deny contains {"resource": role.name, "message": sprintf("role %s can log in and is a superuser, but is not on the approved list", [role.name])} if {
	some role in login_roles
	role.superuser
	not approved[role.name]
}
