control "rds_backups_retained" {
  ref         = "4.1"
  objective   = objective.operations
  title       = "Every database keeps automated backups for at least 7 days"
  description = "Automated RDS backups are retained for at least seven days, so payroll data can be restored after an incident."
  policy      = "acme.aws.rds_backups"
  providers   = [terraform]
  frequency   = "continuous"
  key         = true
  severity    = "high"
  owner       = local.platform_owner
}

control "cloudtrail_validated" {
  ref       = "4.2"
  objective = objective.operations
  title     = "API activity is logged in every region with log file validation"
  policy    = "acme.aws.cloudtrail"
  providers = [terraform]
  frequency = "continuous"
  severity  = "medium"
  owner     = local.platform_owner
}
