# Terminated employees hold no active identity provider account: an HR × IdP join.
package acme.access.terminated_access

# Identity provider accounts by login, built once (a lookup table keeps the join linear).
accounts := {lower(u.login): u | some u in input.idp.content.users}

# The population: every employee on the HR roster.
resources contains row.value.email if some row in input.hr.items

deny contains {"resource": row.value.email, "message": msg} if {
	some row in input.hr.items
	row.value.status == "terminated"
	account := accounts[lower(row.value.email)]
	account.status == "ACTIVE"
	msg := sprintf("%s was terminated on %s but identity provider account %s is still active", [row.value.name, row.value.termination_date, account.id])
}
