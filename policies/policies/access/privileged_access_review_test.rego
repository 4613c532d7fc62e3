package soc1.access.privileged_access_review_test

import data.soc1.access.privileged_access_review as control

idp(groups) := {"items": [{"value": {"users": [{"status": "ACTIVE", "profile": {"login": "ann@x"}, "groups": groups}]}}]}

review(decisions) := {"content": {
	"campaign": "Q4", "started_at": "2026-10-01T00:00:00Z", "completed_at": "2026-10-09T00:00:00Z",
	"groups": ["payroll-admins"], "decisions": decisions,
}}

approve(reviewer) := {"user": "ann@x", "group": "payroll-admins", "decision": "approve", "reviewer": reviewer, "decided_at": "2026-10-02"}

no_grants := {"items": []}

test_reviewed_member_passes if {
	inp := {"idp": idp(["payroll-admins"]), "access_review": review([approve("carla@x")]), "idp_grants": no_grants}
	count(control.deny) == 0 with input as inp
	control.resources == {"payroll-admins:ann@x"} with input as inp
}

test_unreviewed_member_fails if {
	count(control.deny) == 1 with input as {"idp": idp(["payroll-admins"]), "access_review": review([]), "idp_grants": no_grants}
}

test_member_granted_after_start_warns if {
	grants := {"items": [{"value": {
		"published": "2026-10-20T00:00:00Z", "eventType": "group.user_membership.add", "outcome": {"result": "SUCCESS"},
		"target": [{"type": "User", "alternateId": "ann@x"}, {"type": "UserGroup", "displayName": "payroll-admins"}],
	}}]}
	inp := {"idp": idp(["payroll-admins"]), "access_review": review([]), "idp_grants": grants}
	count(control.deny) == 0 with input as inp
	count(control.warn) == 1 with input as inp
}

test_self_review_fails if {
	count(control.deny) == 1 with input as {"idp": idp(["payroll-admins"]), "access_review": review([approve("ann@x")]), "idp_grants": no_grants}
}

test_revocation_not_done_fails if {
	revoke := object.union(approve("carla@x"), {"decision": "revoke"})
	count(control.deny) == 1 with input as {"idp": idp(["payroll-admins"]), "access_review": review([revoke]), "idp_grants": no_grants}
}

test_incomplete_campaign_fails if {
	unfinished := {"content": object.union(review([approve("carla@x")]).content, {"completed_at": null})}
	denied := control.deny with input as {"idp": idp(["payroll-admins"]), "access_review": unfinished, "idp_grants": no_grants}
	denied == {"the campaign \"Q4\" has no completion date: it was not completed"}
}
