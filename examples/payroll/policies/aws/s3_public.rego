package acme.aws.s3_public_access_blocked

settings := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

# Public access blocks by bucket name.
blocks := {pab.values.bucket: pab | some pab in object.get(input.terraform.by_type, "aws_s3_bucket_public_access_block", [])}

resources contains b.address if some b in input.terraform.by_type.aws_s3_bucket

deny contains {"resource": b.address, "message": sprintf("bucket %s has no public access block", [b.values.bucket])} if {
	some b in input.terraform.by_type.aws_s3_bucket
	not blocks[b.values.bucket]
}

deny contains {"resource": b.address, "message": sprintf("bucket %s does not set %s", [b.values.bucket, s])} if {
	some b in input.terraform.by_type.aws_s3_bucket
	pab := blocks[b.values.bucket]
	some s in settings
	not pab.values[s]
}
