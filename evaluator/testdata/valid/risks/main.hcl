# A risk register over three controls: one passes (admin_mfa), one fails
# (user_mfa, bob has no MFA), one is manual without evidence (not tested).

objective "access" {
  ref      = "CO-1"
  title    = "Logical access"
  coso     = [10, 11]
  mappings = { soc2 = ["CC6.1"], iso27001 = ["A.5.15"] }
}

objective "change" {
  ref   = "CO-2"
  title = "Change management"
  coso  = [7, 8, 9]
}

provider "file" {
  alias    = "users"
  snapshot = "snapshots/users.json"
}

provider "file" {
  alias    = "admins"
  snapshot = "snapshots/admins.json"
}

control "admin_mfa" {
  ref       = "1.1"
  objective = objective.access
  title     = "Administrators have MFA"
  policy    = "socle.mfa"
  providers = { idp = file.admins }
  mappings  = { soc2 = ["CC6.1", "CC6.3"], iso27001 = ["A.8.5", "A.8.2"] }
}

control "user_mfa" {
  ref       = "1.2"
  objective = objective.access
  title     = "Users have MFA"
  policy    = "socle.mfa"
  providers = { idp = file.users }
  mappings  = { iso27001 = ["A.8.5"] }
}

control "change_review" {
  ref       = "2.1"
  objective = objective.change
  title     = "Changes are reviewed"
  automated = false
  mappings  = { soc2 = ["CC8.1"], iso27001 = ["A.8.32"] }
  frequency = "quarterly"
}

risk "account_takeover" {
  ref          = "R-1"
  title        = "An attacker takes over an administrator account"
  description  = "Stolen credentials let an outsider post journal entries."
  likelihood   = 3
  impact       = 5
  objectives   = [objective.access]
  coso         = [7]
  mitigated_by = [control.admin_mfa, control.user_mfa]
}

risk "user_takeover" {
  ref          = "R-2"
  title        = "A user account is taken over"
  likelihood   = 4
  impact       = 2
  objectives   = [objective.access]
  mitigated_by = [control.user_mfa]
}

risk "unreviewed_change" {
  ref          = "R-3"
  title        = "A developer deploys an unreviewed change to payroll calculations"
  likelihood   = 2
  impact       = 4
  objectives   = [objective.change]
  coso         = [9]
  fraud        = true
  mitigated_by = [control.change_review]
}

risk "vendor_failure" {
  ref        = "R-4"
  title      = "The payments bank fails to settle a batch"
  likelihood = 1
  impact     = 3
  objectives = [objective.change, objective.access]
}
