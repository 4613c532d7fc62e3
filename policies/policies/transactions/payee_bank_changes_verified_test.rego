package soc1.transactions.payee_bank_changes_verified_test

import data.soc1.transactions.payee_bank_changes_verified as control

change := {
	"change_id": "BC-1", "payee_id": "EMP-1", "requested_by": "employee self-service", "requested_at": "2026-11-18T19:00:00Z",
	"verification_method": "callback", "verified_by": "grace@x", "verified_at": "2026-11-19T10:00:00Z", "effective_at": "2026-11-20T00:00:00Z",
}

changes(c) := {"bank_changes": {"items": [{"value": c}]}}

test_verified_change_passes if {
	count(control.deny) == 0 with input as changes(change)
	control.resources == {"BC-1"} with input as changes(change)
}

test_unverified_change_fails if {
	count(control.deny) == 1 with input as changes(object.union(change, {"verified_by": "", "verified_at": ""}))
}

test_self_verified_change_fails if {
	count(control.deny) == 1 with input as changes(object.union(change, {"requested_by": "grace@x"}))
}

test_email_verification_fails if {
	count(control.deny) == 1 with input as changes(object.union(change, {"verification_method": "email"}))
}

test_effective_before_verification_fails if {
	denied := control.deny with input as changes(object.union(change, {"effective_at": "2026-11-19T00:00:00Z"}))
	denied == {{"resource": "BC-1", "message": "bank detail change BC-1 for EMP-1 took effect at 2026-11-19T00:00:00Z, before its verification (2026-11-19T10:00:00Z)"}}
}
