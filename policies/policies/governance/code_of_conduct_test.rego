package soc1.governance.code_of_conduct_test

import data.soc1.governance.code_of_conduct

hr(ack) := {"items": [{"value": {"employee_number": "E1", "name": "Ann Lee", "email": "ann@example.com", "status": "active", "hire_date": "2026-03-02", "code_of_conduct_acknowledged": ack}}]}

test_acknowledged_at_hire_passes if {
	count(code_of_conduct.deny) == 0 with input as {"hr": hr("2026-03-02")}
}

test_acknowledged_late_fails if {
	count(code_of_conduct.deny) == 1 with input as {"hr": hr("2026-05-02")}
}

test_never_acknowledged_fails if {
	count(code_of_conduct.deny) == 1 with input as {"hr": hr("")}
}
