objective "access" {
  ref   = "CO-1"
  title = "Access"
  coso  = [10]
}

provider "file" {
  alias    = "idp"
  snapshot = "snapshots/users.json"
}

provider "file" {
  alias    = "hr"
  snapshot = "snapshots/roster.csv"
}

provider "file" {
  alias    = "empty"
  snapshot = "snapshots/empty.json"
}

provider "file" {
  alias    = "broken"
  snapshot = "snapshots/broken.json"
}

control "passes" {
  ref       = "1"
  objective = objective.access
  title     = "Every user is known"
  policy    = "socle.t.known"
  providers = [file.idp]
}

control "fails" {
  ref       = "2"
  objective = objective.access
  title     = "MFA"
  policy    = "socle.t.mfa"
  providers = [file.idp]
  severity  = "high"
}

control "waived" {
  ref       = "3"
  objective = objective.access
  title     = "MFA, with every exception waived"
  policy    = "socle.t.mfa"
  providers = [file.idp]
  severity  = "low"
}

control "expired" {
  ref       = "4"
  objective = objective.access
  title     = "MFA, with an expired waiver"
  policy    = "socle.t.mfa"
  providers = [file.idp]
}

control "empty" {
  ref       = "5"
  objective = objective.access
  title     = "Nothing to examine"
  policy    = "socle.t.mfa"
  providers = [file.empty]
}

control "deny_only" {
  ref       = "6"
  objective = objective.access
  title     = "Admins (deny only, no resources rule)"
  policy    = "socle.t.admins"
  providers = [file.idp]
}

control "target_wide" {
  ref       = "7"
  objective = objective.access
  title     = "A bare-string deny about the target"
  policy    = "socle.t.bare"
  providers = [file.idp]
}

control "target_wide_waived" {
  ref       = "8"
  objective = objective.access
  title     = "A bare-string deny, waived without resources"
  policy    = "socle.t.bare"
  providers = [file.idp]
}

control "runtime_error" {
  ref       = "9"
  objective = objective.access
  title     = "A policy that errors"
  policy    = "socle.t.conflict"
  providers = [file.idp]
}

control "slow" {
  ref       = "10"
  objective = objective.access
  title     = "A policy that runs past the time limit"
  policy    = "socle.t.slow"
  providers = [file.idp]
}

control "join" {
  ref       = "11"
  objective = objective.access
  title     = "Terminated employees hold no active account"
  policy    = "socle.t.terminated"
  providers = { hr = file.hr, idp = file.idp }
}

control "broken_input" {
  ref       = "12"
  objective = objective.access
  title     = "Input that does not parse"
  policy    = "socle.t.known"
  providers = [file.broken]
}

waiver "all_mfa" {
  control     = control.waived
  resources   = ["bob", "breakglass"]
  reason      = "Accepted risk"
  approved_by = "CISO"
  ticket      = "SEC-1"
  expires     = "2027-01-01"
}

waiver "old" {
  control     = control.expired
  resources   = ["bob", "breakglass"]
  reason      = "Was accepted"
  approved_by = "CISO"
  expires     = "2026-01-01"
}

waiver "resource_listed" {
  control     = control.target_wide
  resources   = ["alice"]
  reason      = "Does not cover a target-wide finding"
  approved_by = "CISO"
  expires     = "2027-01-01"
}

waiver "whole_control" {
  control     = control.target_wide_waived
  reason      = "Covers everything"
  approved_by = "CISO"
  expires     = "2027-01-01"
}
