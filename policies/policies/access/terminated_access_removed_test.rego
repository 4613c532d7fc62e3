package soc1.access.terminated_access_removed_test

import data.soc1.access.terminated_access_removed as control

hr(terminated) := {"items": [{"value": {"employee_number": "E1", "name": "Ann Lee", "email": "Ann.Lee@example.com", "status": "terminated", "termination_date": terminated}}]}

idp(status, changed) := {"items": [{"value": {"exported_at": "2026-11-30T12:00:00Z", "users": [{
	"status": status, "statusChanged": changed,
	"profile": {"login": "ann.lee@example.com", "employeeNumber": "E1"},
}]}}]}

test_disabled_within_sla_passes if {
	inp := {"hr": hr("2026-10-30"), "idp": idp("DEPROVISIONED", "2026-10-31T09:05:00Z")}
	count(control.deny) == 0 with input as inp
	control.resources == {"Ann.Lee@example.com"} with input as inp
}

test_still_active_fails if {
	denied := control.deny with input as {"hr": hr("2026-10-30"), "idp": idp("ACTIVE", "2024-01-01T00:00:00Z")}
	denied == {{"resource": "Ann.Lee@example.com", "message": "Ann Lee (E1) was terminated on 2026-10-30, but account ann.lee@example.com is still ACTIVE in the export of 2026-11-30T12:00:00Z (31 days later; the SLA is 1)"}}
}

test_disabled_late_fails if {
	denied := control.deny with input as {"hr": hr("2026-10-30"), "idp": idp("SUSPENDED", "2026-11-04T10:00:00Z")}
	denied == {{"resource": "Ann.Lee@example.com", "message": "Ann Lee (E1) was terminated on 2026-10-30; account ann.lee@example.com was disabled on 2026-11-04T10:00:00Z, 5 days later (the SLA is 1)"}}
}

test_termination_later_today_passes if {
	count(control.deny) == 0 with input as {"hr": hr("2026-11-30"), "idp": idp("ACTIVE", "2024-01-01T00:00:00Z")}
}

test_export_without_date_fails if {
	inp := {"hr": hr("2026-11-30"), "idp": {"items": [{"value": {"users": [{"status": "ACTIVE", "profile": {"login": "ann.lee@example.com"}}]}}]}}
	count(control.deny) == 1 with input as inp
}

test_termination_without_date_fails if {
	denied := control.deny with input as {"hr": hr(""), "idp": idp("ACTIVE", "2024-01-01T00:00:00Z")}
	denied == {{"resource": "Ann.Lee@example.com", "message": "Ann Lee (E1) was terminated on none, but account ann.lee@example.com is still ACTIVE in the export of 2026-11-30T12:00:00Z (an unknown number of days later; the SLA is 1)"}}
}
