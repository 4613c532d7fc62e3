package soc1.governance.reporting_lines_test

import data.soc1.governance.reporting_lines

row(n, manager, status) := {"value": {"employee_number": n, "name": n, "email": concat("", [n, "@example.com"]), "manager_employee_number": manager, "status": status}}

test_reporting_lines_pass if {
	count(reporting_lines.deny) == 0 with input as {"hr": {"items": [row("E1", "", "active"), row("E2", "E1", "active")]}}
}

test_manager_who_left_fails if {
	denied := reporting_lines.deny with input as {"hr": {"items": [row("E1", "", "active"), row("E2", "E3", "active"), row("E3", "E1", "terminated")]}}
	{d.resource | some d in denied} == {"E2@example.com"}
}

test_two_heads_fail if {
	count(reporting_lines.deny) == 2 with input as {"hr": {"items": [row("E1", "", "active"), row("E2", "", "active")]}}
}
