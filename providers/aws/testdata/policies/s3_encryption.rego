# Every S3 bucket has a default encryption configuration. A bucket without
# s3/<bucket>/encryption.json has none (get-bucket-encryption answered
# ServerSideEncryptionConfigurationNotFoundError).
package socle.aws.s3_encryption

resources contains bucket.name if some bucket in input.aws.s3.buckets

deny contains {"resource": bucket.name, "message": sprintf("bucket %s has no default encryption", [bucket.name])} if {
	some bucket in input.aws.s3.buckets
	bucket.encryption == null
}

deny contains {"resource": bucket.name, "message": sprintf("bucket %s has an encryption rule without a default algorithm", [bucket.name])} if {
	some bucket in input.aws.s3.buckets
	some rule in bucket.encryption.Rules
	not rule.ApplyServerSideEncryptionByDefault.SSEAlgorithm
}
