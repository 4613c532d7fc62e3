control "s3_encrypted" {
  ref       = "3.1"
  objective = objective.data_protection
  title     = "Every S3 bucket is encrypted at rest with KMS"
  policy    = "acme.aws.s3_encrypted"
  providers = [terraform]
  frequency = "continuous"
  key       = true
  severity  = "high"
  owner     = local.platform_owner
  tags      = { system = "aws", environment = var.environment }
}

control "s3_public_access_blocked" {
  ref       = "3.2"
  objective = objective.data_protection
  title     = "Every S3 bucket blocks public access"
  policy    = "acme.aws.s3_public_access_blocked"
  providers = [terraform]
  frequency = "continuous"
  severity  = "critical"
  owner     = local.platform_owner
}

control "rds_encrypted" {
  ref       = "3.3"
  objective = objective.data_protection
  title     = "Every database encrypts its storage"
  policy    = "acme.aws.rds_encrypted"
  providers = [terraform]
  frequency = "continuous"
  severity  = "high"
  owner     = local.platform_owner
}
