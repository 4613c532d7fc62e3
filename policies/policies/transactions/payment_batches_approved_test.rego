package soc1.transactions.payment_batches_approved_test

import data.soc1.transactions.payment_batches_approved as control

batch := {
	"batch_id": "PB-1", "status": "released", "total_amount": "1000.00", "currency": "USD",
	"prepared_by": "grace@x", "prepared_at": "2026-11-25T14:00:00Z",
	"approved_by": "kofi@x", "approved_at": "2026-11-25T15:00:00Z", "released_at": "2026-11-25T16:00:00Z",
}

batches(b) := {"payment_batches": {"items": [{"value": b}]}}

test_approved_batch_passes if {
	count(control.deny) == 0 with input as batches(batch)
	control.resources == {"PB-1"} with input as batches(batch)
}

test_self_approved_batch_fails if {
	denied := control.deny with input as batches(object.union(batch, {"approved_by": "Grace@x"}))
	denied == {{"resource": "PB-1", "message": "batch PB-1 was approved by its own preparer, grace@x"}}
}

test_unapproved_batch_fails if {
	count(control.deny) == 1 with input as batches(object.union(batch, {"approved_by": "", "approved_at": ""}))
}

test_approved_after_release_fails if {
	count(control.deny) == 1 with input as batches(object.union(batch, {"approved_at": "2026-11-25T17:00:00Z"}))
}

test_pending_batch_is_out_of_scope if {
	count(control.resources) == 0 with input as batches(object.union(batch, {"status": "pending_approval"}))
}
