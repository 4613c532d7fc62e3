waiver "svc_backup_mfa" {
  control     = control.mfa
  resources   = ["svc-backup"]
  reason      = "Service account of the backup agent: it signs in with a client certificate, never with a password"
  approved_by = "CISO"
  ticket      = "SEC-142"
  expires     = "2026-04-20"
}

waiver "legacy_repository" {
  control     = control.branch_protection
  resources   = ["northwind/legacy-payroll"]
  reason      = "Archived repository, read-only until its removal from the organization"
  approved_by = "VP Engineering"
  ticket      = "CHG-77"
  expires     = "2026-02-28"
}
