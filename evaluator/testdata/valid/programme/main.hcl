socle {
  organization = "Acme Payroll, Inc."
}

objective "access" {
  ref         = "CO-1"
  title       = "Logical access"
  description = "Controls provide reasonable assurance that logical access is restricted to authorized users."
  coso        = [10, 11]
}

objective "vendors" {
  ref   = "CO-2"
  title = "Subservice organizations"
  coso  = [16]
}

provider "file" {
  alias    = "idp"
  snapshot = "snapshots/users.json"
}

control "mfa" {
  ref       = "1.1"
  objective = objective.access
  title     = "Active users have MFA"
  policy    = "socle.mfa"
  providers = { idp = file.idp }
}

control "access_review" {
  ref       = "1.2"
  objective = objective.access
  title     = "Quarterly user access review"
  automated = false
  frequency = "quarterly"

  evidence {
    file        = "evidence/q3-review.txt"
    date        = "2026-09-30"
    description = "Q3 review sign-off"
    sha256      = "9a543a80585d5d3a2f21ab4dda007e6201850b03a6228d4cf1e17003cad67a7f"
  }
}

control "vendor_review" {
  ref       = "2.1"
  objective = objective.vendors
  title     = "Annual review of the hosting provider's SOC 1 report"
  automated = false
  frequency = "annual"
}

cuec "user_terminations" {
  ref         = "CUEC-2"
  objectives  = [objective.access]
  description = "User entities notify Acme of terminated employees within one business day."
}

cuec "user_approvals" {
  ref         = "CUEC-1"
  objectives  = [objective.access, objective.vendors]
  description = "User entities approve the access of their own administrators."
}

subservice "hosting" {
  name         = "Cloud Hosting Co."
  services     = "Infrastructure hosting"
  objectives   = [objective.vendors]
  monitored_by = [control.vendor_review]

  csoc "physical" {
    ref         = "CSOC-2"
    description = "Physical access to data centers is restricted."
  }

  csoc "backups" {
    ref         = "CSOC-1"
    description = "Backups are replicated to a second region."
    objectives  = [objective.access]
  }
}

subservice "payments" {
  name       = "Payments Rail Ltd."
  services   = "ACH origination"
  method     = "inclusive"
  objectives = [objective.vendors]
}

test "mfa_passes_on_repo_snapshot" {
  control = control.mfa
  expect {
    status     = "pass"
    population = 2
  }
}
