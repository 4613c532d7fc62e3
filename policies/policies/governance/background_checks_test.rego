package soc1.governance.background_checks_test

import data.soc1.governance.background_checks

hr(checked) := {"items": [{"value": {
	"employee_number": "E1", "name": "Ann Lee", "email": "ann@example.com", "status": "active",
	"hire_date": "2026-03-02", "background_check_completed": checked,
}}]}

test_checked_before_hire_passes if {
	count(background_checks.deny) == 0 with input as {"hr": hr("2026-02-20")}
	background_checks.resources == {"ann@example.com"} with input as {"hr": hr("2026-02-20")}
}

test_checked_after_hire_fails if {
	count(background_checks.deny) == 1 with input as {"hr": hr("2026-03-09")}
}

test_no_check_fails if {
	denied := background_checks.deny with input as {"hr": hr("")}
	denied == {{"resource": "ann@example.com", "message": "Ann Lee (E1) started on 2026-03-02; background check completed: none"}}
}
