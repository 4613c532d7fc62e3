objective "a" {
  ref   = "CO-1"
  title = "A"
}
provider "file" {
  snapshot = "x.json"
}
control "c" {
  objective = objective.a
  title     = "C"
  policy    = "socle.q" # ERROR: No Rego module under policies/ defines package socle.q. Did you mean "socle.p"?
  providers = [file]
}
control "d" {
  objective = objective.a
  title     = "D"
  policy    = "socle.not a package" # ERROR: is not a Rego package name
  providers = [file]
}
