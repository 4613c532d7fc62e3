# Every bucket has a public access block with all four settings enabled.
package socle.bench.s3_public_access

settings := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

# Buckets (by name) with a public access block, and [bucket, setting] pairs
# for every setting such a block leaves off.
blocked := {p.values.bucket | some p in input.terraform.by_type.aws_s3_bucket_public_access_block}

left_off := {[p.values.bucket, s] |
	some p in input.terraform.by_type.aws_s3_bucket_public_access_block
	some s in settings
	object.get(p.values, s, false) != true
}

resources contains r.address if some r in input.terraform.by_type.aws_s3_bucket

deny contains {"resource": r.address, "msg": sprintf("%s: no public access block", [r.address])} if {
	some r in input.terraform.by_type.aws_s3_bucket
	not blocked[object.get(r.values, "bucket", "")]
}

deny contains {"resource": r.address, "msg": sprintf("%s: public access block has %s disabled", [r.address, s])} if {
	some r in input.terraform.by_type.aws_s3_bucket
	some s in settings
	left_off[[object.get(r.values, "bucket", ""), s]]
}
