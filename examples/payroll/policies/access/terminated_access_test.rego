package acme.access.terminated_access_test

import data.acme.access.terminated_access

roster(status) := {"items": [{"file": "roster.csv", "line": 2, "value": {"email": "a@x", "name": "A", "status": status, "termination_date": "2026-01-01"}}]}

idp(status) := {"content": {"users": [{"id": "u1", "login": "A@x", "status": status}]}}

test_terminated_and_active_fails if {
	count(terminated_access.deny) == 1 with input as {"hr": roster("terminated"), "idp": idp("ACTIVE")}
}

test_terminated_and_deprovisioned_passes if {
	count(terminated_access.deny) == 0 with input as {"hr": roster("terminated"), "idp": idp("DEPROVISIONED")}
}

test_active_employee_passes if {
	count(terminated_access.deny) == 0 with input as {"hr": roster("active"), "idp": idp("ACTIVE")}
}
