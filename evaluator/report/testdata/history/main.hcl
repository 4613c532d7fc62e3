socle {
  organization = "Northwind Payroll, Inc."
  system       = "Payroll Processing Platform"

  period {
    start = "2026-01-01"
    end   = "2026-03-31"
  }

  report {
    headings = {
      activity = "Control activity specified by Northwind"
    }
  }
}

objective "access" {
  ref         = "CO-1"
  title       = "Logical access"
  description = "Controls provide reasonable assurance that logical access to payroll programs and data is restricted to authorized and appropriate users."
  coso        = [10, 11]
}

objective "changes" {
  ref         = "CO-2"
  title       = "Change management"
  description = "Controls provide reasonable assurance that changes to payroll programs are reviewed and approved before they reach production."
  coso        = [11, 12]
  mappings    = { iso27001 = ["A.8.32"] }
}

objective "operations" {
  ref         = "CO-3"
  title       = "Backup and operations"
  description = "Controls provide reasonable assurance that payroll data is backed up and that workloads run within their resources."
  coso        = [12, 16]
}

objective "monitoring" {
  ref         = "CO-4"
  title       = "Monitoring of subservice organizations"
  description = "Controls provide reasonable assurance that the services of subservice organizations are monitored."
  coso        = [16, 17]
}

cuec "payroll_approval" {
  ref         = "CUEC-1"
  objectives  = [objective.access]
  description = "User entities approve each payroll run before Northwind releases it."
}

cuec "terminations" {
  ref         = "CUEC-2"
  objectives  = [objective.access]
  description = "User entities notify Northwind of their terminated employees within one business day."
}

subservice "hosting" {
  name         = "Cloud Hosting Co."
  services     = "Infrastructure hosting and database backup storage"
  objectives   = [objective.operations]
  monitored_by = [control.backups]

  csoc "physical" {
    ref         = "CSOC-1"
    description = "Physical access to the data centers is restricted to authorized personnel."
  }

  csoc "replication" {
    ref         = "CSOC-2"
    description = "Backups are replicated to a second region."
  }
}
