# S3 buckets, joined to their companion resources by bucket name.
package acme.aws.s3_encrypted

buckets := input.terraform.by_type.aws_s3_bucket

# Bucket names that have a KMS server-side encryption configuration.
encrypted contains cfg.values.bucket if {
	some cfg in object.get(input.terraform.by_type, "aws_s3_bucket_server_side_encryption_configuration", [])
	some rule in cfg.values.rule
	some d in rule.apply_server_side_encryption_by_default
	d.sse_algorithm == "aws:kms"
}

resources contains b.address if some b in buckets

deny contains {"resource": b.address, "message": sprintf("bucket %s has no KMS server-side encryption configuration", [b.values.bucket])} if {
	some b in buckets
	not encrypted[b.values.bucket]
}
