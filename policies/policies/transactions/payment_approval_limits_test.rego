package soc1.transactions.payment_approval_limits_test

import data.soc1.transactions.payment_approval_limits as control

limits := {"items": [{"value": {"approver": "kofi@x", "currency": "USD", "limit": "1000000.00"}}]}

batch(amount, approver) := {"items": [{"value": {"batch_id": "PB-1", "status": "released", "total_amount": amount, "currency": "USD", "approved_by": approver}}]}

test_within_limit_passes if {
	inp := {"payment_batches": batch("866578.04", "Kofi@x"), "approval_limits": limits}
	count(control.deny) == 0 with input as inp
	control.resources == {"PB-1"} with input as inp
}

test_over_limit_fails if {
	denied := control.deny with input as {"payment_batches": batch("2390675.39", "kofi@x"), "approval_limits": limits}
	denied == {{"resource": "PB-1", "message": "batch PB-1 of 2390675.39 USD exceeds the 1000000.00 USD limit of its approver, kofi@x"}}
}

test_approver_without_limit_fails if {
	count(control.deny) == 1 with input as {"payment_batches": batch("10.00", "grace@x"), "approval_limits": limits}
}
