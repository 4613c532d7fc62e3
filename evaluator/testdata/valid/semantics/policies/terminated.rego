package socle.t.terminated

# A lookup table keeps the join linear.
accounts := {u.value.id: u.value | some u in input.idp.items}

resources contains row.value.employee_id if some row in input.hr.items

deny contains {"resource": row.value.employee_id, "message": sprintf("%s was terminated on %s and still has an active account", [row.value.email, row.value.terminated_on])} if {
	some row in input.hr.items
	row.value.status == "terminated"
	local := split(row.value.email, "@")[0]
	accounts[local]
}
