# METADATA
# title: Payroll runs foot and reconcile to the general ledger
# description: >-
#   Every completed payroll run foots (gross pay less employee taxes and
#   deductions equals net pay), and the general ledger lines posted for it match
#   each of its totals, account by account (soc1.params.payroll_gl_accounts), to the
#   cent. The population is every completed payroll run.
package soc1.transactions.payroll_reconciled

import data.soc1.lib.money
import data.soc1.params

runs := [row.value | some row in input.payroll_runs.items; lower(row.value.status) == "completed"]

key(run_id, account) := sprintf("%s|%s", [run_id, account])

# Each ledger line's amount in cents, keyed by run and account; then the totals,
# built once (comprehension indexing keeps it linear in the number of lines).
lines := [{"key": key(l.value.run_id, l.value.account), "cents": money.cents(l.value.debit) + money.cents(l.value.credit)} |
	some l in input.gl_postings.items
]

posted := {k: total |
	some l in lines
	k := l.key
	total := sum([x.cents | some x in lines; x.key = k])
}

resources contains r.run_id if some r in runs

deny contains {"resource": r.run_id, "message": msg} if {
	some r in runs
	not foots(r)
	msg := sprintf("payroll run %s does not foot: gross %s less taxes %s and deductions %s is not net %s", [r.run_id, r.gross_pay, r.employee_taxes, r.deductions, r.net_pay])
}

deny contains {"resource": r.run_id, "message": msg} if {
	some r in runs
	some field, account in params.payroll_gl_accounts
	amount := object.get(posted, key(r.run_id, account), 0)
	not equal_cents(amount, r[field])
	msg := sprintf("payroll run %s: %s is %s, but %s was posted to %s", [r.run_id, field, r[field], money.shown(amount), account])
}

foots(r) if (money.cents(r.gross_pay) - money.cents(r.employee_taxes)) - money.cents(r.deductions) == money.cents(r.net_pay)

equal_cents(c, v) if c == money.cents(v)
