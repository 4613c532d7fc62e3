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
  policy    = "socle.p"
  providers = [file]
}
