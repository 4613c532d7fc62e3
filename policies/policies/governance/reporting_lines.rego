# METADATA
# title: Every employee has a reporting line
# description: >-
#   Every current employee and contractor reports to a manager who is current
#   personnel on the HR roster; only one person, the head of the organization,
#   reports to no one. A manager who has left, or is not on the roster, leaves
#   the employee without the oversight COSO principle 3 asks for.
package soc1.governance.reporting_lines

import data.soc1.lib.people

current := {e.employee_number | some e in people.active}

unmanaged := {e | some e in people.active; e.manager_employee_number == ""}

resources contains e.email if some e in people.active

deny contains {"resource": e.email, "message": msg} if {
	some e in people.active
	e.manager_employee_number != ""
	not current[e.manager_employee_number]
	msg := sprintf("%s (%s) reports to %s, who is not current personnel on the HR roster", [e.name, e.employee_number, e.manager_employee_number])
}

deny contains {"resource": e.email, "message": msg} if {
	count(unmanaged) > 1
	some e in unmanaged
	others := concat(", ", sort([o.name | some o in unmanaged; o != e]))
	msg := sprintf("%s (%s) has no manager, nor has %s: only the head of the organization may report to no one", [e.name, e.employee_number, others])
}
