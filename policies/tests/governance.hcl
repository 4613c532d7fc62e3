# Entity-level controls: each control passes on the repository's sample snapshots
# (snapshots/), and fails on the fixtures under tests/fixtures/, with exactly
# the resources listed. Run them with `socle test`.

test "background_checks_passes" {
  control = control.background_checks
  expect {
    status     = "pass"
    population = 12
  }
}

# Fails on a background check completed after the start date, or never.
test "background_checks_fails" {
  control  = control.background_checks
  snapshot = { hr = "tests/fixtures/hr/employees.csv" }
  expect {
    status  = "fail"
    failing = ["ann.lee@example.com", "bob.stone@example.com"]
  }
}

test "reporting_lines_passes" {
  control = control.reporting_lines
  expect {
    status     = "pass"
    population = 12
  }
}

# Fails on a manager who has left, and two people reporting to no one.
test "reporting_lines_fails" {
  control  = control.reporting_lines
  snapshot = { hr = "tests/fixtures/hr/employees.csv" }
  expect {
    status  = "fail"
    failing = ["cleo.park@example.com", "dan.wu@example.com", "eva.cole@example.com"]
  }
}

test "code_of_conduct_passes" {
  control = control.code_of_conduct
  expect {
    status     = "pass"
    population = 12
  }
}

# Fails on no acknowledgement, and one three months after hire.
test "code_of_conduct_fails" {
  control  = control.code_of_conduct
  snapshot = { hr = "tests/fixtures/hr/employees.csv" }
  expect {
    status  = "fail"
    failing = ["bob.stone@example.com", "jo.kim@example.com"]
  }
}

test "security_policy_acknowledged_passes" {
  control = control.security_policy_acknowledged
  expect {
    status     = "pass"
    population = 12
  }
}

# Fails on an acknowledgement of the previous version only.
test "security_policy_acknowledged_fails" {
  control  = control.security_policy_acknowledged
  snapshot = { hr = "tests/fixtures/hr/employees.csv" }
  expect {
    status  = "fail"
    failing = ["cleo.park@example.com"]
  }
}

test "incident_client_notification_passes" {
  control = control.incident_client_notification
  expect {
    status     = "pass"
    population = 1
  }
}

# Fails on clients told after five days, and never.
test "incident_client_notification_fails" {
  control  = control.incident_client_notification
  snapshot = { incidents = "tests/fixtures/incidents/incidents.json" }
  expect {
    status  = "fail"
    failing = ["INC-9003", "INC-9004"]
  }
}
