package acme.change.peer_approved_test

import data.acme.change.peer_approved

pr(reviewer, state) := {"number": 1, "title": "t", "user": {"login": "author"}, "merged_at": "2026-01-01T00:00:00Z", "reviews": [{"user": {"login": reviewer}, "state": state}]}

test_self_approval_fails if {
	count(peer_approved.deny) == 1 with input as {"file": {"content": [pr("author", "APPROVED")]}}
}

test_peer_approval_passes if {
	count(peer_approved.deny) == 0 with input as {"file": {"content": [pr("peer", "APPROVED")]}}
}

test_comment_is_not_approval if {
	count(peer_approved.deny) == 1 with input as {"file": {"content": [pr("peer", "COMMENTED")]}}
}
