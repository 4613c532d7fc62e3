objective "a" {
  ref   = "CO-1"
  title = "A"
}
provider "file" {
  snapshot = "x.json"
}
control "mfa" {
  objective = objective.a
  title     = "C"
  policy    = "socle.p"
  providers = [file]
}
waiver "old" {
  control     = control.mfa
  reason      = "r"
  approved_by = "CISO"
  expires     = "2020-01-01" # WARNING: The waiver "old" expired on 2020-01-01
}
