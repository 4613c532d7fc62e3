# Computer operations and job scheduling (CO-9), backup and recovery (CO-10),
# logging, monitoring and incident management (CO-11).
# Rego policies: policies/operations/.

# --- CO-9 Computer operations and job scheduling ---------------------------------

control "scheduled_jobs_authorized" {
  ref         = "9.1"
  objective   = objective.computer_operations
  title       = "Scheduled jobs run only as approved"
  mappings    = { soc2 = ["PI1.3"] }
  description = "The payroll and payments jobs scheduled in the production cluster are those on management's approved job schedule, with the approved schedules (approvals/job-schedule.yaml)."
  remediation = "Remove the job or restore its schedule, or have the change approved and the schedule file updated."
  policy      = "soc1.operations.scheduled_jobs_authorized"
  providers   = { kubernetes = kubernetes, job_schedule = file.job_schedule }
  frequency   = "continuous"
  key         = true
  severity    = "high"
  owner       = local.operations_owner
}

control "job_failures_resolved" {
  ref         = "9.2"
  objective   = objective.computer_operations
  title       = "Failed scheduled jobs are resolved"
  mappings    = { soc2 = ["PI1.3"] }
  description = "Operations monitors every scheduled job run; a failed run is rerun successfully or resolved through an incident. Daily, the scheduler's run history is examined."
  remediation = "Rerun the job or open an incident, and record the resolution."
  policy      = "soc1.operations.job_failures_resolved"
  providers   = { job_runs = file.job_runs }
  frequency   = "daily"
  key         = true
  severity    = "high"
  owner       = local.operations_owner
}

# --- CO-10 Backup and recovery ----------------------------------------------------

control "rds_backups" {
  ref         = "10.1"
  objective   = objective.backup_recovery
  title       = "Databases keep automated backups for at least 7 days and are protected from deletion"
  mappings    = { soc2 = ["A1.2"], iso27001 = ["A.8.13"] }
  description = "Every production database keeps automated backups (point-in-time recovery) for at least 7 days and has deletion protection on."
  remediation = "Raise the backup retention period and enable deletion protection."
  policy      = "soc1.operations.rds_backups"
  providers   = [aws]
  frequency   = "continuous"
  key         = true
  severity    = "high"
  owner       = local.platform_owner
}

control "terraform_rds_backups" {
  ref         = "10.2"
  objective   = objective.backup_recovery
  title       = "Database definitions keep backups and deletion protection"
  mappings    = { soc2 = ["A1.2"], iso27001 = ["A.8.13"] }
  description = "Every database defined in Terraform sets a backup retention of at least 7 days and deletion protection, so that a pull request cannot weaken them unnoticed."
  remediation = "Set backup_retention_period and deletion_protection on the aws_db_instance."
  policy      = "soc1.operations.terraform_rds_backups"
  providers   = [terraform]
  frequency   = "continuous"
  severity    = "high"
  owner       = local.platform_owner
}

control "s3_versioning" {
  ref         = "10.3"
  objective   = objective.backup_recovery
  title       = "S3 buckets keep previous versions of objects"
  mappings    = { soc2 = ["A1.2"], iso27001 = ["A.8.13"] }
  description = "Every S3 bucket of the production account has versioning enabled, so that overwritten or deleted payroll exports and archives can be recovered."
  remediation = "aws s3api put-bucket-versioning --versioning-configuration Status=Enabled (or aws_s3_bucket_versioning)."
  policy      = "soc1.operations.s3_versioning"
  providers   = [aws]
  frequency   = "continuous"
  severity    = "medium"
  owner       = local.platform_owner
}

control "restore_tests" {
  ref         = "10.4"
  objective   = objective.backup_recovery
  title       = "Database backups are restored successfully in a test"
  mappings    = { soc2 = ["A1.3"], iso27001 = ["A.8.13"] }
  description = "Each quarter, Platform restores a production database backup into an isolated environment, verifies it, and records the test; a failed test is followed up through a ticket. Every primary database must have a successful restore test in the log."
  remediation = "Perform and record a restore test of the database."
  policy      = "soc1.operations.restore_tests"
  providers   = { aws = aws, restore_tests = file.restore_tests }
  frequency   = "quarterly"
  key         = true
  severity    = "high"
  owner       = local.platform_owner
}

# --- CO-11 Logging, monitoring and incident management -----------------------------

control "cloudtrail" {
  ref         = "11.1"
  objective   = objective.logging_monitoring
  title       = "AWS API activity is logged in every region with validated log files"
  mappings    = { soc2 = ["CC7.2"], iso27001 = ["A.8.15"] }
  description = "A multi-region CloudTrail trail with global service events and log file validation records all API activity in the production account, and every trail is logging and validates its files."
  remediation = "Start logging, and enable log file validation and multi-region on the trail."
  policy      = "soc1.operations.cloudtrail"
  providers   = [aws]
  frequency   = "continuous"
  key         = true
  severity    = "high"
  owner       = local.security_owner
}

control "terraform_cloudtrail" {
  ref         = "11.2"
  objective   = objective.logging_monitoring
  title       = "CloudTrail definitions keep multi-region, validated logging"
  mappings    = { soc2 = ["CC7.2"], iso27001 = ["A.8.15"] }
  description = "Every CloudTrail trail defined in Terraform is multi-region, includes global service events, validates its log files and is logging, so that a pull request cannot weaken audit logging unnoticed."
  remediation = "Set is_multi_region_trail, include_global_service_events and enable_log_file_validation."
  policy      = "soc1.operations.terraform_cloudtrail"
  providers   = [terraform]
  frequency   = "continuous"
  severity    = "medium"
  owner       = local.security_owner
}

control "postgres_logging" {
  ref         = "11.3"
  objective   = objective.logging_monitoring
  title       = "The ledger database logs connections and audits role and schema changes"
  mappings    = { soc2 = ["CC7.2"], iso27001 = ["A.8.15"] }
  description = "The ledger database logs connections and disconnections and, through pgaudit, every statement that changes roles or schema objects; the logs are shipped to the central log store."
  remediation = "Set log_connections, log_disconnections, load pgaudit and set pgaudit.log to include ddl and role."
  policy      = "soc1.operations.postgres_logging"
  providers   = [postgres.ledger]
  frequency   = "continuous"
  severity    = "medium"
  owner       = local.platform_owner
}

control "incidents_resolved" {
  ref         = "11.4"
  objective   = objective.logging_monitoring
  title       = "Incidents are acknowledged in time and resolved with a root cause"
  mappings    = { soc2 = ["CC7.3", "CC7.4", "CC7.5"], iso27001 = ["A.5.25", "A.5.26", "A.5.27"] }
  description = "Alerts and reports become incidents in the incident management tool; each is acknowledged within the time its severity allows, resolved with a recorded root cause and, for SEV1 and SEV2, a post-incident review."
  remediation = "Complete the incident record; explain a late acknowledgement in the post-incident review."
  policy      = "soc1.operations.incidents_resolved"
  providers   = { incidents = file.incidents }
  frequency   = "daily"
  key         = true
  severity    = "high"
  owner       = local.security_owner
}
