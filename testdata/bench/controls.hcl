control "iam_console_mfa" {
  ref         = "4.1"
  objective   = objective.logical_access
  title       = "MFA is enforced for every console user"
  description = "Every IAM user with a console password has the require-mfa policy attached, which denies all actions until the user signs in with MFA."
  policy      = "socle.bench.iam_console_mfa"
  providers   = [terraform]
  frequency   = "continuous"
  automated   = true
  key         = true
  severity    = "high"
}

control "iam_no_user_admin" {
  ref         = "4.2"
  objective   = objective.logical_access
  title       = "No IAM user holds administrator access directly"
  description = "Administrator access is granted through roles assumed for a session, never attached to an IAM user."
  policy      = "socle.bench.iam_no_user_admin"
  providers   = [terraform]
  frequency   = "continuous"
  automated   = true
  key         = true
  severity    = "critical"
}

control "iam_wildcards" {
  ref         = "4.3"
  objective   = objective.logical_access
  title       = "IAM policies grant no unrestricted access"
  description = "No customer-managed policy allows every action on every resource, and no role may be assumed by any principal."
  policy      = "socle.bench.iam_wildcards"
  providers   = [terraform]
  frequency   = "continuous"
  automated   = true
  key         = true
  severity    = "critical"
}

control "sg_admin_ports" {
  ref         = "4.4"
  objective   = objective.logical_access
  title       = "Administrative ports are not reachable from the internet"
  description = "No security group allows SSH (22) or RDP (3389) from 0.0.0.0/0 or ::/0."
  policy      = "socle.bench.sg_admin_ports"
  providers   = [terraform]
  frequency   = "continuous"
  automated   = true
  key         = false
  severity    = "high"
}

control "rds_network_exposure" {
  ref         = "4.5"
  objective   = objective.logical_access
  title       = "Databases are not reachable from the internet"
  description = "No RDS instance is publicly accessible or attached to a security group that admits traffic from the internet."
  policy      = "socle.bench.rds_network_exposure"
  providers   = [terraform]
  frequency   = "continuous"
  automated   = true
  key         = true
  severity    = "critical"
}

control "s3_public_access" {
  ref         = "4.6"
  objective   = objective.logical_access
  title       = "S3 buckets block public access"
  description = "Every bucket has a public access block with all four settings enabled."
  policy      = "socle.bench.s3_public_access"
  providers   = [terraform]
  frequency   = "continuous"
  automated   = true
  key         = true
  severity    = "high"
}

control "ec2_imdsv2" {
  ref         = "4.7"
  objective   = objective.logical_access
  title       = "Instances require IMDSv2"
  description = "Every EC2 instance requires session tokens for the instance metadata service."
  policy      = "socle.bench.ec2_imdsv2"
  providers   = [terraform]
  frequency   = "continuous"
  automated   = true
  key         = false
  severity    = "medium"
}

control "plan_destructive_changes" {
  ref         = "5.1"
  objective   = objective.change_management
  title       = "Changes do not destroy stateful resources"
  description = "A planned change neither destroys nor replaces a bucket, database, volume, KMS key or log group; such changes go through the data-retention approval instead."
  policy      = "socle.bench.plan_destructive_changes"
  providers   = [terraform]
  frequency   = "continuous"
  automated   = true
  key         = true
  severity    = "high"
}

control "rds_deletion_protection" {
  ref         = "5.2"
  objective   = objective.change_management
  title       = "Databases are protected from deletion"
  description = "Every RDS instance has deletion protection enabled, so that no change can drop it by accident."
  policy      = "socle.bench.rds_deletion_protection"
  providers   = [terraform]
  frequency   = "continuous"
  automated   = true
  key         = false
  severity    = "medium"
}

control "s3_encryption" {
  ref         = "7.1"
  objective   = objective.data_protection
  title       = "S3 buckets are encrypted at rest"
  description = "Every bucket has a default server-side encryption configuration; KMS keys are expected, S3-managed keys are reported."
  policy      = "socle.bench.s3_encryption"
  providers   = [terraform]
  frequency   = "continuous"
  automated   = true
  key         = true
  severity    = "high"
}

control "rds_encryption" {
  ref         = "7.2"
  objective   = objective.data_protection
  title       = "Databases are encrypted at rest"
  description = "Every RDS instance has storage encryption enabled."
  policy      = "socle.bench.rds_encryption"
  providers   = [terraform]
  frequency   = "continuous"
  automated   = true
  key         = true
  severity    = "high"
}

control "ebs_encryption" {
  ref         = "7.3"
  objective   = objective.data_protection
  title       = "Block storage is encrypted at rest"
  description = "Every EBS volume and every instance root volume is encrypted."
  policy      = "socle.bench.ebs_encryption"
  providers   = [terraform]
  frequency   = "continuous"
  automated   = true
  key         = false
  severity    = "high"
}

control "kms_rotation" {
  ref         = "7.4"
  objective   = objective.data_protection
  title       = "KMS keys rotate yearly"
  description = "Every symmetric customer-managed KMS key has automatic rotation enabled."
  policy      = "socle.bench.kms_rotation"
  providers   = [terraform]
  frequency   = "continuous"
  automated   = true
  key         = false
  severity    = "medium"
}

control "lb_tls" {
  ref         = "7.5"
  objective   = objective.data_protection
  title       = "Load balancers accept only TLS 1.2 or later"
  description = "HTTPS listeners use an approved TLS 1.2+ security policy and plain HTTP listeners only redirect to HTTPS."
  policy      = "socle.bench.lb_tls"
  providers   = [terraform]
  frequency   = "continuous"
  automated   = true
  key         = false
  severity    = "high"
}

control "cloudtrail_configured" {
  ref         = "6.1"
  objective   = objective.logging_monitoring
  title       = "CloudTrail records every region with log file validation"
  description = "Every trail is multi-region, logging, and writes digest files for log file validation."
  policy      = "socle.bench.cloudtrail_configured"
  providers   = [terraform]
  frequency   = "continuous"
  automated   = true
  key         = true
  severity    = "high"
}

control "cloudtrail_kms_rotation" {
  ref         = "6.2"
  objective   = objective.logging_monitoring
  title       = "CloudTrail logs are encrypted with a rotating KMS key"
  description = "Every trail encrypts its logs with a KMS key managed in this configuration whose rotation is enabled."
  policy      = "socle.bench.cloudtrail_kms_rotation"
  providers   = [terraform]
  frequency   = "continuous"
  automated   = true
  key         = false
  severity    = "medium"
}

control "s3_access_logging" {
  ref         = "6.3"
  objective   = objective.logging_monitoring
  title       = "S3 server access logging is enabled"
  description = "Every bucket writes server access logs to the central log bucket."
  policy      = "socle.bench.s3_access_logging"
  providers   = [terraform]
  frequency   = "continuous"
  automated   = true
  key         = false
  severity    = "medium"
}

control "log_retention" {
  ref         = "6.4"
  objective   = objective.logging_monitoring
  title       = "Logs are retained for at least a year"
  description = "Every CloudWatch log group keeps events for 365 days or more (or never expires); groups without a KMS key are reported."
  policy      = "socle.bench.log_retention"
  providers   = [terraform]
  frequency   = "continuous"
  automated   = true
  key         = false
  severity    = "medium"
}

control "s3_versioning" {
  ref         = "8.1"
  objective   = objective.backup_recovery
  title       = "S3 buckets keep object versions"
  description = "Every bucket has versioning enabled, so that overwritten or deleted objects can be recovered."
  policy      = "socle.bench.s3_versioning"
  providers   = [terraform]
  frequency   = "continuous"
  automated   = true
  key         = true
  severity    = "high"
}

control "rds_backup" {
  ref         = "8.2"
  objective   = objective.backup_recovery
  title       = "Databases keep at least seven days of backups"
  description = "Every RDS instance has a backup retention period of seven days or more; single-AZ instances are reported."
  policy      = "socle.bench.rds_backup"
  providers   = [terraform]
  frequency   = "continuous"
  automated   = true
  key         = true
  severity    = "high"
}
