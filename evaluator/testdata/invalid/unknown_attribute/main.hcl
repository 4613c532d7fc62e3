objective "a" {
  ref    = "CO-1"
  title  = "A"
  colour = "red" # ERROR: An argument named "colour" is not expected here
}
provider "file" {
  snapshot = "x.json"
  format   = "json"
  bogus    = 1 # ERROR: An argument named "bogus" is not expected here
}
control "c" {
  objective = objective.a
  title     = "C"
  policy    = "socle.p"
  providers = [file]
  frequncy  = "daily" # ERROR: Did you mean "frequency"?
}
