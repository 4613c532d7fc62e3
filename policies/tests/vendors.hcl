# Monitoring of subservice organizations: each control passes on the repository's sample snapshots
# (snapshots/), and fails on the fixtures under tests/fixtures/, with exactly
# the resources listed. Run them with `socle test`.

test "subservice_reports_reviewed_passes" {
  control = control.subservice_reports_reviewed
  expect {
    status     = "pass"
    population = 3
  }
}

# Fails on a Type 1 report, a stale report without bridge letter, and a report nobody reviewed.
test "subservice_reports_reviewed_fails" {
  control  = control.subservice_reports_reviewed
  snapshot = { vendors = "tests/fixtures/vendors/subservice-organizations.yaml" }
  expect {
    status  = "fail"
    failing = ["Amazon Web Services, Inc.", "First Example Bank, N.A.", "Okta, Inc."]
  }
}
