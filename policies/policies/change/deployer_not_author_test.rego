package soc1.change.deployer_not_author_test

import data.soc1.change.deployer_not_author as control

inp(deployed_by, approved_by) := {
	"changes": {"items": [{"value": {"number": 7, "author": {"login": "ben"}, "mergedAt": "2026-11-03T10:00:00Z", "mergeCommit": {"oid": "abc123"}}}]},
	"deployments": {"items": [{"value": {"deployment_id": "D-1", "environment": "production", "commit": "abc123", "pull_request": "7", "deployed_by": deployed_by, "approved_by": approved_by}}]},
}

test_release_approved_by_another_passes if {
	count(control.deny) == 0 with input as inp("github-actions[bot]", "hiro")
	control.resources == {"D-1"} with input as inp("github-actions[bot]", "hiro")
}

test_author_approves_own_release_fails if {
	denied := control.deny with input as inp("github-actions[bot]", "Ben")
	denied == {{"resource": "D-1", "message": "deployment D-1 released ben's own change (pull request 7) to production"}}
}

test_author_deploys_by_hand_fails if {
	count(control.deny) == 1 with input as inp("ben", "hiro")
}

test_unapproved_pipeline_release_fails if {
	count(control.deny) == 1 with input as inp("github-actions[bot]", "")
}
