package soc1.change.changes_peer_approved_test

import data.soc1.change.changes_peer_approved as control

changes(reviews) := {"changes": {"items": [{"value": {
	"number": 7, "title": "Fix rounding", "url": "https://github.com/example/app/pull/7",
	"author": {"login": "ben"}, "mergedAt": "2026-11-03T10:00:00Z", "reviews": reviews,
}}]}}

review(login, state) := {"author": {"login": login}, "state": state}

test_peer_approval_passes if {
	count(control.deny) == 0 with input as changes([review("dev", "CHANGES_REQUESTED"), review("dev", "APPROVED")])
	control.resources == {"example/app#7"} with input as changes([review("dev", "APPROVED")])
}

test_self_approval_fails if {
	denied := control.deny with input as changes([review("ben", "APPROVED")])
	denied == {{"resource": "example/app#7", "message": "example/app#7 (\"Fix rounding\") by ben was merged on 2026-11-03T10:00:00Z without an approval by someone other than its author"}}
}

test_bot_approval_fails if {
	count(control.deny) == 1 with input as changes([review("deploy-bot[bot]", "APPROVED")])
}

test_no_review_fails if {
	count(control.deny) == 1 with input as changes([])
}
