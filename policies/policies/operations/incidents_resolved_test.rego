package soc1.operations.incidents_resolved_test

import data.soc1.operations.incidents_resolved as control

incident(ack, status, root_cause, postmortem) := {"incidents": {"items": [{"value": {
	"key": "INC-1", "severity": "SEV2", "status": status, "detected_at": "2026-11-03T10:00:00Z",
	"acknowledged_at": ack, "root_cause": root_cause, "postmortem": postmortem,
}}]}}

test_handled_incident_passes if {
	inp := incident("2026-11-03T10:20:00Z", "resolved", "expired host key", "https://wiki/INC-1")
	count(control.deny) == 0 with input as inp
	control.resources == {"INC-1"} with input as inp
}

test_open_incident_passes if {
	count(control.deny) == 0 with input as incident("2026-11-03T10:20:00Z", "investigating", null, null)
}

test_late_acknowledgement_fails if {
	denied := control.deny with input as incident("2026-11-03T11:00:00Z", "investigating", null, null)
	denied == {{"resource": "INC-1", "message": "INC-1 (SEV2) was detected at 2026-11-03T10:00:00Z and acknowledged at 2026-11-03T11:00:00Z: SEV2 allows 30 minutes"}}
}

test_never_acknowledged_fails if {
	count(control.deny) == 1 with input as incident(null, "investigating", null, null)
}

test_resolved_without_review_fails if {
	count(control.deny) == 2 with input as incident("2026-11-03T10:20:00Z", "resolved", "", null)
}
