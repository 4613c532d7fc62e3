socle {
  report {
    headings = {
      activity = "Control activity"
      tset     = "Tests" # ERROR: "tset" is not a heading of the report
    }
  }
  report { # ERROR: Duplicate report block
  }
}
objective "a" {
  ref   = "CO-1"
  title = "A"
}
provider "file" {
  snapshot = "x.json"
}
control "auto" {
  objective      = objective.a
  title          = "Automated"
  policy         = "socle.p"
  providers      = [file]
  test_procedure = "Inspected each of the {occurences}." # ERROR: {occurences} is not a field of the test procedure
}
