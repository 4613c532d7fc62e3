variable "environment" {
  default = "prod"
}
locals {
  owner = "sec@example.com"
  team  = "${local.ownr}-x" # ERROR: Did you mean local.owner?
}
objective "logical_access" {
  ref   = "CO-1"
  title = "Logical access"
}
provider "file" {
  alias    = "idp"
  snapshot = "idp.json"
}
control "c" {
  objective = objective.logical_acess # ERROR: Did you mean objective.logical_access?
  title     = "C in ${var.enviroment}" # ERROR: Did you mean var.environment?
  policy    = "socle.p"
  providers = [file.ipd] # ERROR: Did you mean "file.idp"?
}
control "d" {
  objective = objective.logical_access
  title     = "D ${each.key}" # ERROR: each.key and each.value are only available in a control that sets for_each
  owner     = nosuch.thing # ERROR: There is nothing named "nosuch"
  policy    = "socle.p"
  providers = [file.idp]
}
