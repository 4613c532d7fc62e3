objective "a" {
  ref   = "CO-1"
  title = "A"
}
provider "terraform" {
  snapshot = "plan.json"
}
provider "file" {
  alias    = "hr"
  snapshot = "hr.csv"
}
control "tf" {
  objective    = objective.a
  title        = "C"
  policy       = "socle.p"
  policy_style = "conftest"
  providers    = [terraform] # ERROR: list file instances only
}
control "join" {
  objective    = objective.a
  title        = "C"
  policy       = "socle.p"
  policy_style = "conftest"
  providers    = { hr = file.hr, tf = terraform } # ERROR: list file instances only
}
control "style" {
  objective    = objective.a
  title        = "C"
  policy       = "socle.p"
  policy_style = "opa" # ERROR: "opa" is not a valid policy_style
  providers    = [file.hr]
}
