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
  frequency = "hourly" # ERROR: "hourly" is not a valid frequency
  severity  = "hgih" # ERROR: Did you mean "high"?
  automated = "maybe" # ERROR: automated must be true or false
}
socle {
  sample_sizes = { dialy = 40 } # ERROR: "dialy" is not a frequency. Use: continuous, daily
}
