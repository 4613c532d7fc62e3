package soc1.change.deployments_traceable_test

import data.soc1.change.deployments_traceable as control

inp(commit) := {
	"changes": {"items": [{"value": {"number": 7, "mergedAt": "2026-11-03T10:00:00Z", "mergeCommit": {"oid": "abc123"}}}]},
	"deployments": {"items": [{"value": {"deployment_id": "D-1", "service": "api", "environment": "production", "commit": commit, "deployed_at": "2026-11-03T14:00:00Z"}}]},
}

test_merged_commit_passes if {
	count(control.deny) == 0 with input as inp("abc123")
	control.resources == {"D-1"} with input as inp("abc123")
}

test_unknown_commit_fails if {
	count(control.deny) == 1 with input as inp("f00d")
}
