# METADATA
# title: Every S3 bucket encrypts objects with a KMS key by default
# description: >-
#   Every S3 bucket of the account has a default encryption rule using AWS KMS
#   (aws:kms or aws:kms:dsse), so that reading an object also requires permission
#   on the key, and every use of the key is logged.
package soc1.data.s3_encrypted

kms_algorithms := {"aws:kms", "aws:kms:dsse"}

resources contains name if some name, _ in input.aws.s3.buckets

deny contains {"resource": name, "message": sprintf("bucket %s has no default encryption configuration", [name])} if {
	some name, b in input.aws.s3.buckets
	b.encryption == null
}

deny contains {"resource": name, "message": sprintf("bucket %s encrypts with %s by default, not with a KMS key", [name, concat(", ", algorithms)])} if {
	some name, b in input.aws.s3.buckets
	b.encryption != null
	algorithms := {r.ApplyServerSideEncryptionByDefault.SSEAlgorithm | some r in b.encryption.Rules}
	count(algorithms & kms_algorithms) == 0
}
