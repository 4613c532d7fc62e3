socle {
  organization = "Acme Payroll, Inc."
  system       = "Payroll"
  timeout      = "3s"
  period {
    start = "2026-01-01"
    end   = "2026-06-30"
  }
}

variable "env" {
  type    = string
  default = "prod"
}

variable "regions" {
  type    = map(string)
  default = { eu = "eu-west-1", us = "us-east-1" }
}

locals {
  owner = "sec@${var.env}.example"
}

objective "access" {
  ref         = "CO-1"
  title       = "Access"
  description = "Controls provide reasonable assurance that access is restricted."
  coso        = [11, 10, 10]
}

provider "file" {
  alias    = "hr"
  snapshot = "hr.csv"
}

provider "file" {
  alias    = "idp"
  snapshot = "idp.json"
}

provider "file" {
  alias    = "idp_eu"
  snapshot = "idp.json"
}

control "single" {
  ref       = "1.1"
  objective = objective.access
  title     = "Single in ${var.env} (${objective.access.ref})"
  policy    = "socle.p"
  providers = [file.hr]
  owner     = local.owner
  key       = true
  severity  = "critical"
  frequency = "daily"
  tags      = { system = "hr" }
}

control "fan" {
  ref       = "1.2"
  objective = objective.access
  title     = "Fan"
  policy    = "socle.p"
  providers = [file.idp_eu, file.idp]
}

control "join" {
  ref       = "1.3"
  objective = objective.access
  title     = "Join"
  policy    = "socle.p"
  providers = { idp = file.idp, hr = file.hr }
}

control "join_fan" {
  ref       = "1.4"
  objective = objective.access
  title     = "Join fan"
  policy    = "socle.p"
  providers = { hr = file.hr, idp = [file.idp, file.idp_eu] }
}

control "counted" {
  ref       = "1.5.${count.index}"
  objective = objective.access
  title     = "Counted ${count.index}"
  policy    = "socle.p"
  providers = [file.hr]
  count     = 2
}

control "each" {
  ref       = "1.6"
  objective = objective.access
  title     = "In ${each.value}"
  policy    = "socle.p"
  providers = [file.hr]
  for_each  = var.regions
}

control "manual" {
  ref       = "1.10"
  objective = objective.access
  title     = "Manual"
  automated = false
}

waiver "eu_only" {
  control     = control.each["eu"]
  reason      = "Region being decommissioned"
  approved_by = "CISO"
  ticket      = "SEC-1"
  expires     = "2027-01-01T12:00:00Z"
}

control "disabled" {
  ref       = "1.11"
  objective = objective.access
  title     = "Switched off with count = 0"
  policy    = "socle.p"
  providers = [file.hr]
  count     = 0
}
