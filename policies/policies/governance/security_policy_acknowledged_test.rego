package soc1.governance.security_policy_acknowledged_test

import data.soc1.governance.security_policy_acknowledged as ack

hr(hired, acknowledged) := {"items": [{"value": {"employee_number": "E1", "name": "Ann Lee", "email": "ann@example.com", "status": "active", "hire_date": hired, "security_policy_acknowledged": acknowledged}}]}

params := {"security_policy_version": "4.0", "security_policy_effective": "2026-01-15", "security_policy_days": 30}

test_acknowledged_current_version_passes if {
	count(ack.deny) == 0 with input as {"hr": hr("2020-01-01", "2026-01-20")} with data.soc1.params as params
}

test_new_hire_within_window_passes if {
	count(ack.deny) == 0 with input as {"hr": hr("2026-09-14", "2026-10-01")} with data.soc1.params as params
}

test_previous_version_fails if {
	count(ack.deny) == 1 with input as {"hr": hr("2020-01-01", "2025-06-01")} with data.soc1.params as params
}

test_late_acknowledgement_fails if {
	count(ack.deny) == 1 with input as {"hr": hr("2020-01-01", "2026-03-20")} with data.soc1.params as params
}
