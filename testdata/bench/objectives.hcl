objective "logical_access" {
  ref         = "CO-4"
  title       = "Logical access"
  description = "Controls provide reasonable assurance that logical access to programs, data and computer resources relevant to user entities' financial reporting is restricted to authorized and appropriate users."
  coso        = [10, 11]
}

objective "change_management" {
  ref         = "CO-5"
  title       = "Change management"
  description = "Controls provide reasonable assurance that changes to infrastructure and applications relevant to user entities' financial reporting are authorized, tested, approved and implemented without unintended loss of data."
  coso        = [10, 11, 12]
}

objective "logging_monitoring" {
  ref         = "CO-6"
  title       = "Logging and monitoring"
  description = "Controls provide reasonable assurance that activity on systems relevant to user entities' financial reporting is logged, protected from tampering, retained and available for review."
  coso        = [13, 16]
}

objective "data_protection" {
  ref         = "CO-7"
  title       = "Data protection"
  description = "Controls provide reasonable assurance that data relevant to user entities' financial reporting is protected from unauthorized disclosure and modification, at rest and in transit."
  coso        = [10, 11]
}

objective "backup_recovery" {
  ref         = "CO-8"
  title       = "Backup and recovery"
  description = "Controls provide reasonable assurance that data relevant to user entities' financial reporting is backed up and can be recovered in a complete and timely manner."
  coso        = [11, 12]
}
