objective "a" {
  ref   = "CO-1"
  title = "A"
}
provider "file" {
  snapshot = "x.json"
}
control "auto" {
  objective = objective.a
  title     = "Automated"
  policy    = "socle.p"
  providers = [file]
  evidence { # ERROR: evidence blocks belong to manual controls
    file = "evidence/x.txt"
    date = "2026-01-01"
  }
}
control "missing" { # ERROR: The argument "providers" is required
  objective = objective.a
  title     = "Automated without providers"
  policy    = "socle.p"
}
control "manual" {
  objective = objective.a
  title     = "Manual"
  automated = false
  policy    = "socle.p" # ERROR: remove policy, or make the control automated
  evidence {
    file   = "../outside.txt" # ERROR: is not a path inside the policy repository
    date   = "2026-01-01"
  }
  evidence {
    file   = "evidence/a.txt"
    date   = "30/09/2026" # ERROR: is not a date
  }
  evidence {
    file   = "evidence/a.txt"
    date   = "2026-09-30"
    sha256 = "abc" # ERROR: 64 hexadecimal digits
  }
}
cuec "c" {
  ref         = "CUEC-1"
  objectives  = [objective.b] # ERROR: There is no objective named "b"
  description = "User entities do something."
}
subservice "s" {
  name         = "Host"
  services     = "Hosting"
  method       = "carve_out" # ERROR: Did you mean "carve-out"?
  objectives   = [objective.a]
  monitored_by = [control.nope] # ERROR: There is no control named "nope"
  csoc "x" {
    ref         = "CSOC-1"
    description = "Something."
  }
  csoc "x" { # ERROR: Duplicate csoc
    ref         = "CSOC-2"
    description = "Something else."
  }
}
