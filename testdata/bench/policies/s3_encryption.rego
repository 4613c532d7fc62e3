# Every bucket has a default server-side encryption configuration. KMS keys are
# the standard; S3-managed keys (SSE-S3) are reported as a warning.
package socle.bench.s3_encryption

kms_algorithms := {"aws:kms", "aws:kms:dsse"}

# Buckets (by name) with default encryption, and those encrypted with KMS.
encrypted := {c.values.bucket |
	some c in input.terraform.by_type.aws_s3_bucket_server_side_encryption_configuration
	some rule in object.get(c.values, "rule", [])
	some d in object.get(rule, "apply_server_side_encryption_by_default", [])
	d.sse_algorithm != ""
}

kms_encrypted := {c.values.bucket |
	some c in input.terraform.by_type.aws_s3_bucket_server_side_encryption_configuration
	some rule in object.get(c.values, "rule", [])
	some d in object.get(rule, "apply_server_side_encryption_by_default", [])
	d.sse_algorithm in kms_algorithms
}

resources contains r.address if some r in input.terraform.by_type.aws_s3_bucket

deny contains {"resource": r.address, "msg": sprintf("%s: no default server-side encryption is configured", [r.address])} if {
	some r in input.terraform.by_type.aws_s3_bucket
	not encrypted[object.get(r.values, "bucket", "")]
}

warn contains {"resource": r.address, "msg": sprintf("%s: encrypted with S3-managed keys, not KMS", [r.address])} if {
	some r in input.terraform.by_type.aws_s3_bucket
	name := object.get(r.values, "bucket", "")
	encrypted[name]
	not kms_encrypted[name]
}
