objective "a" {
  ref   = "CO-1"
  title = "A"
}
provider "file" {
  alias    = "hr"
  snapshot = "hr.csv"
}
control "empty" {
  objective = objective.a
  title     = "C"
  policy    = "socle.p"
  providers = [] # ERROR: providers must name at least one provider instance
}
control "string" {
  objective = objective.a
  title     = "C"
  policy    = "socle.p"
  providers = "file.hr" # ERROR: providers must be a list of provider instances
}
control "dup" {
  objective = objective.a
  title     = "C"
  policy    = "socle.p"
  providers = [file.hr, file.hr] # ERROR: file.hr is listed twice
}
control "badmap" {
  objective = objective.a
  title     = "C"
  policy    = "socle.p"
  providers = { hr = file.hr, idp = file.idp } # ERROR: There is no provider "file" with alias "idp"
}
control "missing" { # ERROR: The argument "providers" is required
  objective = objective.a
  title     = "C"
  policy    = "socle.p"
}
