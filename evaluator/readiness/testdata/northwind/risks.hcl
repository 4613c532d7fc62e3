risk "ghost_user" {
  ref          = "R-01"
  title        = "A former employee still signs in to payroll"
  likelihood   = 3
  impact       = 4
  objectives   = [objective.access]
  coso         = [7]
  mitigated_by = [control.mfa, control.terminated_access]
}

risk "credential_theft" {
  ref          = "R-02"
  title        = "A stolen password opens a payroll account"
  likelihood   = 3
  impact       = 4
  objectives   = [objective.access]
  coso         = [7]
  mitigated_by = [control.mfa]
}

risk "unreviewed_change" {
  ref        = "R-03"
  title      = "A change reaches the payroll calculation unreviewed"
  likelihood = 2
  impact     = 5
  objectives = [objective.changes]
  coso       = [7, 9]
}

risk "privileged_abuse" {
  ref          = "R-04"
  title        = "A privileged account alters payroll data"
  likelihood   = 2
  impact       = 5
  objectives   = [objective.access]
  coso         = [7, 8]
  fraud        = true
  mitigated_by = [control.access_review]
}
