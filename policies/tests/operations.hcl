# Operations, backup and recovery, logging and monitoring: each control passes on the repository's sample snapshots
# (snapshots/), and fails on the fixtures under tests/fixtures/, with exactly
# the resources listed. Run them with `socle test`.

test "scheduled_jobs_authorized_passes" {
  control = control.scheduled_jobs_authorized
  expect {
    status     = "pass"
    population = 3
  }
}

# Fails on a rescheduled job, and a job nobody approved.
test "scheduled_jobs_authorized_fails" {
  control  = control.scheduled_jobs_authorized
  snapshot = { kubernetes = "tests/fixtures/kubernetes" }
  expect {
    status  = "fail"
    failing = ["CronJob/payroll/adhoc-export", "CronJob/payroll/pay-run"]
  }
}

test "job_failures_resolved_passes" {
  control = control.job_failures_resolved
  expect {
    status     = "pass"
    population = 13
  }
}

# Fails on a failure never followed up, and a rerun that failed too.
test "job_failures_resolved_fails" {
  control  = control.job_failures_resolved
  snapshot = { job_runs = "tests/fixtures/operations/job-runs.csv" }
  expect {
    status  = "fail"
    failing = ["R-1", "R-2", "R-3"]
  }
}

test "rds_backups_passes" {
  control = control.rds_backups
  expect {
    status     = "pass"
    population = 2
  }
}

# Fails on one day of backups and no deletion protection.
test "rds_backups_fails" {
  control  = control.rds_backups
  snapshot = { aws = "tests/fixtures/aws" }
  expect {
    status  = "fail"
    failing = ["payroll-ledger"]
  }
}

test "terraform_rds_backups_passes" {
  control = control.terraform_rds_backups
  expect {
    status     = "pass"
    population = 2
  }
}

# Fails on a plan turning backups and deletion protection off.
test "terraform_rds_backups_fails" {
  control  = control.terraform_rds_backups
  snapshot = { terraform = "tests/fixtures/terraform/plan.json" }
  expect {
    status  = "fail"
    failing = ["aws_db_instance.ledger"]
  }
}

test "s3_versioning_passes" {
  control = control.s3_versioning
  expect {
    status     = "pass"
    population = 3
  }
}

# Fails on versioning never enabled, and suspended.
test "s3_versioning_fails" {
  control  = control.s3_versioning
  snapshot = { aws = "tests/fixtures/aws" }
  expect {
    status  = "fail"
    failing = ["example-legacy-reports", "example-payroll-exports"]
  }
}

test "restore_tests_passes" {
  control = control.restore_tests
  expect {
    status     = "pass"
    population = 2
  }
}

# Fails on only a failed restore, with no ticket.
test "restore_tests_fails" {
  control  = control.restore_tests
  snapshot = { restore_tests = "tests/fixtures/operations/restore-tests.csv" }
  expect {
    status  = "fail"
    failing = ["RT-9", "payroll-ledger"]
  }
}

test "cloudtrail_passes" {
  control = control.cloudtrail
  expect {
    status     = "pass"
    population = 1
  }
}

# Fails on a single-region trail without validation that stopped logging.
test "cloudtrail_fails" {
  control  = control.cloudtrail
  snapshot = { aws = "tests/fixtures/aws" }
  expect {
    status  = "fail"
    failing = ["", "payroll-data-events"]
  }
}

test "terraform_cloudtrail_passes" {
  control = control.terraform_cloudtrail
  expect {
    status     = "pass"
    population = 1
  }
}

# Fails on a plan making the trail single-region without validation.
test "terraform_cloudtrail_fails" {
  control  = control.terraform_cloudtrail
  snapshot = { terraform = "tests/fixtures/terraform/plan.json" }
  expect {
    status  = "fail"
    failing = ["aws_cloudtrail.management"]
  }
}

test "postgres_logging_passes" {
  control = control.postgres_logging
  expect {
    status     = "pass"
    population = 4
  }
}

# Fails on connections not logged, and pgaudit not loaded.
test "postgres_logging_fails" {
  control  = control.postgres_logging
  snapshot = { postgres = "tests/fixtures/postgres/ledger.json" }
  expect {
    status  = "fail"
    failing = ["setting:log_connections", "setting:pgaudit.log", "setting:shared_preload_libraries"]
  }
}

test "incidents_resolved_passes" {
  control = control.incidents_resolved
  expect {
    status     = "pass"
    population = 4
  }
}

# Fails on a SEV1 acknowledged after 40 minutes, and a SEV2 closed without root cause or review.
test "incidents_resolved_fails" {
  control  = control.incidents_resolved
  snapshot = { incidents = "tests/fixtures/incidents/incidents.json" }
  expect {
    status  = "fail"
    failing = ["INC-9001", "INC-9002"]
  }
}
