package soc1.access.access_grants_approved_test

import data.soc1.access.access_grants_approved as control

grant(actor) := {"items": [{"value": {
	"uuid": "u1", "published": "2026-03-09T09:00:00Z", "eventType": "group.user_membership.add",
	"outcome": {"result": "SUCCESS"}, "actor": {"alternateId": actor},
	"target": [{"type": "User", "alternateId": "nils@x"}, {"type": "UserGroup", "displayName": "platform-admins"}],
}}]}

request(approver, at, status) := {"items": [{"value": {"ticket": "ACC-1", "requested_for": "Nils@x", "group": "platform-admins", "approved_by": approver, "approved_at": at, "status": status}}]}

test_approved_grant_passes if {
	inp := {"idp_grants": grant("farid@x"), "access_requests": request("ines@x", "2026-03-06T10:00:00Z", "approved")}
	count(control.deny) == 0 with input as inp
	control.resources == {"2026-03-09T09:00:00Z u1"} with input as inp
}

test_grant_without_request_fails if {
	count(control.deny) == 1 with input as {"idp_grants": grant("farid@x"), "access_requests": {"items": []}}
}

test_approval_after_grant_fails if {
	count(control.deny) == 1 with input as {"idp_grants": grant("farid@x"), "access_requests": request("ines@x", "2026-03-10T10:00:00Z", "approved")}
}

test_self_approval_fails if {
	count(control.deny) == 1 with input as {"idp_grants": grant("farid@x"), "access_requests": request("nils@x", "2026-03-06T10:00:00Z", "approved")}
}

test_rejected_request_fails if {
	count(control.deny) == 1 with input as {"idp_grants": grant("farid@x"), "access_requests": request("ines@x", "2026-03-06T10:00:00Z", "rejected")}
}

test_self_grant_fails if {
	count(control.deny) == 1 with input as {"idp_grants": grant("nils@x"), "access_requests": request("ines@x", "2026-03-06T10:00:00Z", "approved")}
}
