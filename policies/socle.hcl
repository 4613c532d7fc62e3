# socle's SOC 1 catalog: a starting point for a payroll, payments or SaaS-billing
# service organization. Copy it with `socle init DIR`, then replace the sample
# snapshots with your own systems' exports and reword what does not fit.
socle {
  organization = "Example Service Organization, Inc."
  system       = "Payroll and Payments Platform"
  store        = "sqlite://.socle/evidence.db"

  period {
    start = "2026-01-01"
    end   = "2026-12-31"
  }
}

# Who answers for each group of controls. Control owners are named in the
# matrix and the reports; use the team mailboxes of your organization.
locals {
  executive_owner  = "ceo-office@example.com"
  security_owner   = "security@example.com"
  platform_owner   = "platform@example.com"
  people_owner     = "people-ops@example.com"
  engineering_lead = "engineering@example.com"
  operations_owner = "payroll-ops@example.com"
  finance_owner    = "finance-ops@example.com"
}
