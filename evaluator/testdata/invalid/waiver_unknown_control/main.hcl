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
waiver "w" {
  control     = control.mfx # ERROR: There is no control named "mfx". Did you mean control.mfa?
  reason      = "r"
  approved_by = "CISO"
  expires     = "2099-01-01"
}
waiver "k" {
  control     = control.mfa[0] # ERROR: control.mfa has no count or for_each
  reason      = "r"
  approved_by = "CISO"
  expires     = "2099-01-01"
}
waiver "bad_date" {
  control     = control.mfa
  reason      = "r"
  approved_by = "CISO"
  expires     = "next tuesday" # ERROR: is neither a date
}
