# Transaction processing and payment authorization: each control passes on the repository's sample snapshots
# (snapshots/), and fails on the fixtures under tests/fixtures/, with exactly
# the resources listed. Run them with `socle test`.

test "input_files_complete_passes" {
  control = control.input_files_complete
  expect {
    status     = "pass"
    population = 6
  }
}

# Fails on records lost, and rejections not reported.
test "input_files_complete_fails" {
  control  = control.input_files_complete
  snapshot = { input_files = "tests/fixtures/transactions/input-files.csv" }
  expect {
    status  = "fail"
    failing = ["IF-1", "IF-2"]
  }
}

test "payroll_reconciled_passes" {
  control = control.payroll_reconciled
  expect {
    status     = "pass"
    population = 3
  }
}

# Fails on a run that does not foot, and net pay posted a cent short.
test "payroll_reconciled_fails" {
  control  = control.payroll_reconciled
  snapshot = { payroll_runs = "tests/fixtures/payroll/runs.csv", gl_postings = "tests/fixtures/payroll/gl-postings.csv" }
  expect {
    status  = "fail"
    failing = ["PR-1", "PR-2"]
  }
}

test "payment_batches_approved_passes" {
  control = control.payment_batches_approved
  expect {
    status     = "pass"
    population = 4
  }
}

# Fails on a self-approved batch, one released without approval, and one approved after release.
test "payment_batches_approved_fails" {
  control  = control.payment_batches_approved
  snapshot = { payment_batches = "tests/fixtures/payments/batches.csv" }
  expect {
    status  = "fail"
    failing = ["PB-1", "PB-2", "PB-3"]
  }
}

test "payment_approval_limits_passes" {
  control = control.payment_approval_limits
  expect {
    status     = "pass"
    population = 4
  }
}

# Fails on a batch above its approver's limit, and an approver with no limit.
test "payment_approval_limits_fails" {
  control  = control.payment_approval_limits
  snapshot = { payment_batches = "tests/fixtures/payments/batches.csv" }
  expect {
    status  = "fail"
    failing = ["PB-4", "PB-5"]
  }
}

test "payee_bank_changes_verified_passes" {
  control = control.payee_bank_changes_verified
  expect {
    status     = "pass"
    population = 3
  }
}

# Fails on unverified, self-verified, verified by e-mail, and effective before verification.
test "payee_bank_changes_verified_fails" {
  control  = control.payee_bank_changes_verified
  snapshot = { bank_changes = "tests/fixtures/payments/payee-bank-changes.csv" }
  expect {
    status  = "fail"
    failing = ["BC-1", "BC-2", "BC-3", "BC-4"]
  }
}
