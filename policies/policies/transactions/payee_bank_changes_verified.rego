# METADATA
# title: Changes to payees' bank details are verified independently before use
# description: >-
#   Every change to a payee's bank details was verified by an approved method
#   (soc1.params.bank_change_verification_methods, a call back to the number on
#   file) by someone other than the requester, before the change took effect.
#   The population is every bank detail change.
package soc1.transactions.payee_bank_changes_verified

import data.soc1.lib.time
import data.soc1.params

changes := [row.value | some row in input.bank_changes.items]

resources contains c.change_id if some c in changes

deny contains {"resource": c.change_id, "message": msg} if {
	some c in changes
	not params.bank_change_verification_methods[lower(c.verification_method)]
	msg := sprintf("bank detail change %s for %s was verified by %q, not by an approved method", [c.change_id, c.payee_id, c.verification_method])
}

deny contains {"resource": c.change_id, "message": sprintf("bank detail change %s for %s was not verified", [c.change_id, c.payee_id])} if {
	some c in changes
	not time.present(c.verified_by)
}

deny contains {"resource": c.change_id, "message": sprintf("bank detail change %s for %s was verified by its own requester, %s", [c.change_id, c.payee_id, c.requested_by])} if {
	some c in changes
	time.present(c.verified_by)
	lower(c.verified_by) == lower(c.requested_by)
}

deny contains {"resource": c.change_id, "message": sprintf("bank detail change %s for %s took effect at %s, before its verification (%s)", [c.change_id, c.payee_id, c.effective_at, c.verified_at])} if {
	some c in changes
	time.present(c.verified_by)
	not time.not_after(c.verified_at, c.effective_at)
}
