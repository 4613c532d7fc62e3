package soc1.governance.incident_client_notification_test

import data.soc1.governance.incident_client_notification as control

incident(impact, notified) := {"incidents": {"items": [{"value": {
	"key": "INC-1", "customer_impact": impact, "affected_clients": ["C-1"],
	"detected_at": "2026-11-03T10:00:00Z", "clients_notified_at": notified,
}}]}}

test_timely_notification_passes if {
	count(control.deny) == 0 with input as incident(true, "2026-11-03T12:00:00Z")
	control.resources == {"INC-1"} with input as incident(true, "2026-11-03T12:00:00Z")
}

test_internal_incident_is_out_of_scope if {
	count(control.resources) == 0 with input as incident(false, null)
}

test_late_notification_fails if {
	count(control.deny) == 1 with input as incident(true, "2026-11-07T12:00:00Z")
}

test_no_notification_fails if {
	denied := control.deny with input as incident(true, null)
	denied == {{"resource": "INC-1", "message": "INC-1 affected C-1; clients notified: never, detected at 2026-11-03T10:00:00Z (allowed: 72 hours)"}}
}
