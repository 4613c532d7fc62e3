# Transaction processing completeness and accuracy (CO-14), and authorization of
# payments and disbursements (CO-15). Rego policies: policies/transactions/.

control "input_files_complete" {
  ref         = "14.1"
  objective   = objective.transaction_processing
  title       = "Client input files are processed completely and rejections are reported"
  mappings    = { soc2 = ["PI1.2"] }
  description = "Every payroll input file received from a user entity is processed with record counts that balance (received = processed + rejected), and rejected records are reported back to the user entity."
  remediation = "Find and process the missing records, or report them to the client as rejected."
  policy      = "soc1.transactions.input_files_complete"
  providers   = { input_files = file.input_files }
  frequency   = "daily"
  key         = true
  severity    = "high"
  owner       = local.operations_owner
}

control "payroll_reconciled" {
  ref         = "14.2"
  objective   = objective.transaction_processing
  title       = "Payroll runs foot and reconcile to the general ledger"
  mappings    = { soc2 = ["PI1.3"] }
  description = "Each completed payroll run foots (gross pay less taxes and deductions equals net pay), and its totals agree to the cent with the general ledger postings for the run, account by account."
  remediation = "Investigate the difference, correct the posting or the run, and document the reconciliation."
  policy      = "soc1.transactions.payroll_reconciled"
  providers   = { payroll_runs = file.payroll_runs, gl_postings = file.gl_postings }
  frequency   = "daily"
  key         = true
  severity    = "critical"
  owner       = local.finance_owner
}

control "payment_batches_approved" {
  ref         = "15.1"
  objective   = objective.payment_authorization
  title       = "Payment batches are released only after independent approval"
  mappings    = { soc2 = ["CC5.1"], iso27001 = ["A.5.3"] }
  description = "A payment batch is released to the bank only after a person other than its preparer approves it in the payments system; approval comes after preparation and before release."
  remediation = "Investigate the release and have the batch reviewed by an authorized approver."
  policy      = "soc1.transactions.payment_batches_approved"
  providers   = { payment_batches = file.payment_batches }
  frequency   = "daily"
  key         = true
  severity    = "critical"
  owner       = local.finance_owner
}

control "payment_approval_limits" {
  ref         = "15.2"
  objective   = objective.payment_authorization
  title       = "Payment batches are approved within the approver's limit"
  description = "Each approver has an approval limit per currency, granted by finance management and held in the payments system; a batch above the approver's limit cannot be released."
  remediation = "Have the batch approved by someone whose limit covers it, and review the approver's limit."
  policy      = "soc1.transactions.payment_approval_limits"
  providers   = { payment_batches = file.payment_batches, approval_limits = file.approval_limits }
  frequency   = "daily"
  key         = true
  severity    = "critical"
  owner       = local.finance_owner
}

control "payee_bank_changes_verified" {
  ref         = "15.3"
  objective   = objective.payment_authorization
  title       = "Changes to payees' bank details are verified by call-back before use"
  mappings    = { soc2 = ["PI1.2"] }
  description = "A request to change a payee's bank details is verified by calling back the payee on the number on file, by someone other than the requester, before the change takes effect."
  remediation = "Suspend payments to the new account until the change is verified."
  policy      = "soc1.transactions.payee_bank_changes_verified"
  providers   = { bank_changes = file.bank_changes }
  frequency   = "daily"
  key         = true
  severity    = "critical"
  owner       = local.finance_owner
}

cuec "client_payroll_review" {
  ref         = "CUEC-4"
  objectives  = [objective.transaction_processing]
  description = "User entities review the payroll register and the rejection reports before approving each payroll run, and report discrepancies within one business day."
}

cuec "client_payment_authorization" {
  ref         = "CUEC-5"
  objectives  = [objective.payment_authorization]
  description = "User entities fund their payroll and payment accounts on time, designate who may approve their payment files, and ensure the accuracy of the bank details they submit for their employees and vendors."
}
