objective "access" {
  ref   = "CO-1"
  title = "A"
}
provider "file" {
  snapshot = "x.json"
}
control "mfa" {
  objective = objective.access
  title     = "C"
  policy    = "socle.p"
  providers = [file]
}
risk "r1" {
  title        = "Likelihood off the scale"
  likelihood   = 6 # ERROR: likelihood is on a scale of 1 to 5
  impact       = 2.5 # ERROR: impact is on a scale of 1 to 5
  objectives   = [objective.acess] # ERROR: Did you mean objective.access?
  mitigated_by = [control.mfx] # ERROR: There is no control named "mfx". Did you mean control.mfa?
}
risk "r2" {
  title        = "Principles outside risk assessment"
  likelihood   = 1
  impact       = 1
  objectives   = [objective.access]
  coso         = [7, 12] # ERROR: 12 is not one of them
  mitigated_by = control.mfa # ERROR: mitigated_by is a list of control references
}
risk "r3" {
  title      = "Principle 8 without the fraud flag"
  likelihood = 2
  impact     = 2
  objectives = [] # ERROR: A risk threatens at least one control objective
  coso       = [8] # WARNING: set fraud = true
  fraud      = "yes" # ERROR: fraud must be true or false
}
risk "r4" { # ERROR: The argument "likelihood" is required
  title      = "Missing likelihood"
  impact     = 2
  objectives = [objective.access]
}
