package soc1.change.changes_tested_test

import data.soc1.change.changes_tested as control

changes(checks) := {"changes": {"items": [{"value": {"number": 7, "url": "https://github.com/example/app/pull/7", "mergedAt": "2026-11-03T10:00:00Z", "statusCheckRollup": checks}}]}}

test_green_checks_pass if {
	checks := [{"name": "test", "conclusion": "SUCCESS"}, {"context": "ci/legacy", "state": "SUCCESS"}]
	count(control.deny) == 0 with input as changes(checks)
	control.resources == {"example/app#7"} with input as changes(checks)
}

test_failed_check_fails if {
	denied := control.deny with input as changes([{"name": "test", "conclusion": "FAILURE"}])
	denied == {{"resource": "example/app#7", "message": "example/app#7 was merged with check \"test\" failure"}}
}

test_no_checks_fails if {
	count(control.deny) == 1 with input as changes([])
}
