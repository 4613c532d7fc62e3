package northwind.access.terminated

# The population: every employee of the HR roster.
resources contains row.employee_id if some row in input.hr.content

deny contains {"resource": row.employee_id, "message": sprintf("%s was terminated on %s but %s is still active", [row.employee_id, row.terminated_on, u.login])} if {
	some row in input.hr.content
	row.status == "terminated"
	some u in input.idp.content.users
	u.employee_id == row.employee_id
	u.status == "ACTIVE"
}
