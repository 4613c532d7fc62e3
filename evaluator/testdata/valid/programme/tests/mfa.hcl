test "mfa_fails_without_device" {
  control  = control.mfa
  snapshot = { idp = "tests/fixtures/users_no_mfa.json" }
  expect {
    status     = "fail"
    failing    = ["bob"]
    population = 3
  }
}

test "mfa_empty_directory" {
  control  = control.mfa
  snapshot = { idp = "tests/fixtures/empty.json" }
  expect {
    status = "not_tested"
  }
}

test "review_current" {
  control = control.access_review
  as_of   = "2026-10-15"
  expect {
    status = "not_tested"
  }
}
