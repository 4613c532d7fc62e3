locals {
  bad = { soc2 = ["CC6.9"] }
}
objective "access" {
  ref   = "CO-1"
  title = "A"
  mappings = {
    soc3     = ["CC6.1"] # ERROR: socle has no framework named "soc3"; it knows iso27001 and soc2. Did you mean "soc2"?
    iso27001 = ["5.15"] # ERROR: Did you mean "A.5.15"?
  }
}
provider "file" {
  snapshot = "x.json"
}
control "mfa" {
  objective = objective.access
  title     = "C"
  policy    = "socle.p"
  providers = [file]
  mappings = {
    soc2     = ["CC6.1", "CC61"] # ERROR: "CC61" is not an identifier of the SOC 2 Trust Services Criteria
    iso27001 = ["A.8.5", "A.8.35"] # ERROR: "A.8.35" is not an identifier of the ISO/IEC 27001:2022 Annex A
  }
}
control "mfa2" {
  objective = objective.access
  title     = "C"
  policy    = "socle.p"
  providers = [file]
  mappings  = ["CC6.1"] # ERROR: mappings must be of type map of list of string
}
control "mfa3" {
  objective = objective.access
  title     = "C"
  policy    = "socle.p"
  providers = [file]
  mappings  = local.bad # ERROR: "CC6.9" is not an identifier
}
control "mfa4" {
  objective = objective.access
  title     = "C"
  policy    = "socle.p"
  providers = [file]
  mappings  = { soc2 = "CC6.1" } # ERROR: mappings must be a list of string
}
