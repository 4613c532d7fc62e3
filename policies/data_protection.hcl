# Data protection in transit and at rest (CO-12). Rego policies: policies/data/.

control "s3_encrypted" {
  ref         = "12.1"
  objective   = objective.data_protection
  title       = "S3 buckets encrypt objects with KMS keys"
  mappings    = { soc2 = ["CC6.1"], iso27001 = ["A.8.24"] }
  description = "Every S3 bucket of the production account encrypts new objects by default with an AWS KMS key."
  remediation = "Set a default encryption rule with SSEAlgorithm aws:kms."
  policy      = "soc1.data.s3_encrypted"
  providers   = [aws]
  frequency   = "continuous"
  key         = true
  severity    = "high"
  owner       = local.platform_owner
}

control "s3_public_access_blocked" {
  ref         = "12.2"
  objective   = objective.data_protection
  title       = "S3 buckets block public access"
  mappings    = { soc2 = ["CC6.1"], iso27001 = ["A.8.3"] }
  description = "Every S3 bucket of the production account has all four public access block settings on."
  remediation = "aws s3api put-public-access-block with all four settings true (or aws_s3_bucket_public_access_block)."
  policy      = "soc1.data.s3_public_access_blocked"
  providers   = [aws]
  frequency   = "continuous"
  key         = true
  severity    = "critical"
  owner       = local.platform_owner
}

control "rds_encrypted" {
  ref         = "12.3"
  objective   = objective.data_protection
  title       = "Databases are encrypted at rest"
  mappings    = { soc2 = ["CC6.1"], iso27001 = ["A.8.24"] }
  description = "Every production database encrypts its storage, backups and snapshots."
  remediation = "Restore an encrypted copy of the database from an encrypted snapshot and switch over."
  policy      = "soc1.data.rds_encrypted"
  providers   = [aws]
  frequency   = "continuous"
  key         = true
  severity    = "high"
  owner       = local.platform_owner
}

control "kms_rotation" {
  ref         = "12.4"
  objective   = objective.data_protection
  title       = "KMS keys rotate their key material"
  mappings    = { soc2 = ["CC6.1"], iso27001 = ["A.8.24"] }
  description = "Every KMS key that can rotate has automatic rotation enabled."
  remediation = "aws kms enable-key-rotation --key-id KEY."
  policy      = "soc1.data.kms_rotation"
  providers   = [aws]
  frequency   = "continuous"
  severity    = "medium"
  owner       = local.security_owner
}

control "postgres_ssl" {
  ref         = "12.5"
  objective   = objective.data_protection
  title       = "The ledger database accepts encrypted connections"
  mappings    = { soc2 = ["CC6.7"], iso27001 = ["A.5.14", "A.8.24"] }
  description = "The ledger database has SSL on; applications connect with sslmode=verify-full."
  remediation = "Set ssl = on (rds.force_ssl = 1 on RDS)."
  policy      = "soc1.data.postgres_ssl"
  providers   = [postgres.ledger]
  frequency   = "continuous"
  severity    = "high"
  owner       = local.platform_owner
}

control "k8s_ingress_tls" {
  ref         = "12.6"
  objective   = objective.data_protection
  title       = "Client traffic is encrypted in transit"
  mappings    = { soc2 = ["CC6.7"], iso27001 = ["A.5.14", "A.8.24"] }
  description = "Every ingress of the production cluster serves its hosts over TLS, so that the payroll and payments data user entities send and receive is encrypted in transit."
  remediation = "Add a tls section covering every host of the ingress."
  policy      = "soc1.data.k8s_ingress_tls"
  providers   = [kubernetes]
  frequency   = "continuous"
  key         = true
  severity    = "high"
  owner       = local.platform_owner
}

cuec "client_secure_transmission" {
  ref         = "CUEC-3"
  objectives  = [objective.data_protection, objective.transaction_processing]
  description = "User entities transmit payroll input files only through the secure channels the service organization provides (the portal or SFTP), and protect the credentials of those channels."
}
