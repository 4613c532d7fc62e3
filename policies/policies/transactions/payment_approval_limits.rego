# METADATA
# title: Payment batches are approved within the approver's limit
# description: >-
#   Every released payment batch was approved by someone with an approval limit
#   on file in the payments system for the batch's currency, and its total does not
#   exceed that limit. The population is every released, approved batch.
package soc1.transactions.payment_approval_limits

import data.soc1.lib.money
import data.soc1.lib.time

key(approver, currency) := sprintf("%s|%s", [lower(approver), upper(currency)])

# Limits in cents by approver and currency, built once.
limits := {key(l.value.approver, l.value.currency): money.cents(l.value.limit) | some l in input.approval_limits.items}

approved contains b if {
	some row in input.payment_batches.items
	b := row.value
	lower(b.status) == "released"
	time.present(b.approved_by)
}

resources contains b.batch_id if some b in approved

deny contains {"resource": b.batch_id, "message": sprintf("batch %s was approved by %s, who has no %s approval limit on file", [b.batch_id, b.approved_by, b.currency])} if {
	some b in approved
	not limits[key(b.approved_by, b.currency)]
}

deny contains {"resource": b.batch_id, "message": msg} if {
	some b in approved
	limit := limits[key(b.approved_by, b.currency)]
	not within(b, limit)
	msg := sprintf("batch %s of %s %s exceeds the %s %s limit of its approver, %s", [b.batch_id, b.total_amount, b.currency, money.shown(limit), b.currency, b.approved_by])
}

within(b, limit) if money.cents(b.total_amount) <= limit
