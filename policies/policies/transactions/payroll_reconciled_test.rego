package soc1.transactions.payroll_reconciled_test

import data.soc1.transactions.payroll_reconciled as control

run := {"run_id": "PR-1", "status": "completed", "gross_pay": "1000.00", "employee_taxes": "200.00", "deductions": "50.50", "net_pay": "749.50"}

line(account, debit, credit) := {"value": {"run_id": "PR-1", "account": account, "debit": debit, "credit": credit}}

ledger := [
	line("6000 Gross wages", "1000.00", ""),
	line("2100 Net pay payable", "", "749.50"),
	line("2200 Payroll taxes payable", "", "150.00"),
	line("2200 Payroll taxes payable", "", "50.00"),
	line("2300 Deductions payable", "", "50.50"),
]

inp(r, lines) := {"payroll_runs": {"items": [{"value": r}]}, "gl_postings": {"items": lines}}

test_reconciled_run_passes if {
	count(control.deny) == 0 with input as inp(run, ledger)
	control.resources == {"PR-1"} with input as inp(run, ledger)
}

test_run_that_does_not_foot_fails if {
	count(control.deny) == 2 with input as inp(object.union(run, {"net_pay": "750.50"}), ledger)
}

test_missing_posting_fails if {
	denied := control.deny with input as inp(run, array.slice(ledger, 0, 4))
	denied == {{"resource": "PR-1", "message": "payroll run PR-1: deductions is 50.50, but 0.00 was posted to 2300 Deductions payable"}}
}

test_runs_in_progress_are_out_of_scope if {
	count(control.resources) == 0 with input as inp(object.union(run, {"status": "in_progress"}), [])
}
