# METADATA
# title: Payment batches are released only after approval by someone other than the preparer
# description: >-
#   Every released payment batch was approved by a person other than the one who
#   prepared it, after it was prepared and before it was released. The population
#   is every released batch.
package soc1.transactions.payment_batches_approved

import data.soc1.lib.time

released contains b if {
	some row in input.payment_batches.items
	b := row.value
	lower(b.status) == "released"
}

resources contains b.batch_id if some b in released

deny contains {"resource": b.batch_id, "message": sprintf("batch %s (%s %s) was released without an approver", [b.batch_id, b.total_amount, b.currency])} if {
	some b in released
	not time.present(b.approved_by)
}

deny contains {"resource": b.batch_id, "message": sprintf("batch %s was approved by its own preparer, %s", [b.batch_id, b.prepared_by])} if {
	some b in released
	time.present(b.approved_by)
	lower(b.approved_by) == lower(b.prepared_by)
}

deny contains {"resource": b.batch_id, "message": msg} if {
	some b in released
	time.present(b.approved_by)
	not approved_in_order(b)
	msg := sprintf("batch %s was prepared at %s, approved at %s and released at %s: approval must come between", [b.batch_id, b.prepared_at, b.approved_at, b.released_at])
}

approved_in_order(b) if {
	time.not_after(b.prepared_at, b.approved_at)
	time.not_after(b.approved_at, b.released_at)
}
