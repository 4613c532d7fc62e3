objective "logical_access" {
  ref         = "CO-1"
  title       = "Logical access"
  description = "Controls provide reasonable assurance that logical access to payroll programs, data and computer resources relevant to user entities' financial reporting is restricted to authorized and appropriate users."
  coso        = [10, 11, 12]
}

objective "change_management" {
  ref         = "CO-2"
  title       = "Change management"
  description = "Controls provide reasonable assurance that changes to payroll applications and infrastructure are authorized, tested, approved and implemented by someone other than their author."
  coso        = [10, 11, 12]
}

objective "data_protection" {
  ref         = "CO-3"
  title       = "Data protection"
  description = "Controls provide reasonable assurance that payroll and ledger data are protected from unauthorized disclosure in transit and at rest."
  coso        = [11, 12]
}

objective "operations" {
  ref         = "CO-4"
  title       = "Computer operations, backup and logging"
  description = "Controls provide reasonable assurance that payroll data are backed up and recoverable, and that activity on the platform is logged and the logs are protected."
  coso        = [11, 12, 16]
}
