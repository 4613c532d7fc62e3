objective "a" { # ERROR: A objective named "a" was already declared
  ref   = "CO-2"
  title = "A again"
}
provider "file" { # ERROR: Give each instance of a type its own alias
  snapshot = "y.json"
}
control "c" { # ERROR: Duplicate control "c"
  objective = objective.a
  title     = "C again"
  policy    = "socle.p"
  providers = [file]
}
