test "unknown_key" {
  control  = control.auto
  snapshot = { aws = "x.json" } # ERROR: reads no input "aws"
  expect {
    status = "pass"
  }
}
test "no_expect" { # ERROR: Missing expect block
  control = control.auto
}
test "bad_status" {
  control = control.auto
  expect {
    status = "passed" # ERROR: Did you mean "pass"?
  }
}
test "manual_snapshot" {
  control  = control.manual
  snapshot = { x = "y.json" } # ERROR: it reads evidence files, not snapshots
  expect {
    status = "pass"
  }
}
objective "z" { # ERROR: Files under tests/ hold test blocks only
  ref = "CO-9"
}
