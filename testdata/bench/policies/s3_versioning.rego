# Every bucket keeps prior object versions: an aws_s3_bucket_versioning resource
# names the bucket and its status is "Enabled".
package socle.bench.s3_versioning

# Buckets (by name) with a versioning resource, and those where it is enabled.
configured := {v.values.bucket | some v in input.terraform.by_type.aws_s3_bucket_versioning}

enabled := {v.values.bucket |
	some v in input.terraform.by_type.aws_s3_bucket_versioning
	some c in object.get(v.values, "versioning_configuration", [])
	c.status == "Enabled"
}

resources contains r.address if some r in input.terraform.by_type.aws_s3_bucket

deny contains {"resource": r.address, "msg": sprintf("%s: versioning is not enabled (no aws_s3_bucket_versioning for bucket %q)", [r.address, name])} if {
	some r in input.terraform.by_type.aws_s3_bucket
	name := object.get(r.values, "bucket", "")
	not configured[name]
}

deny contains {"resource": r.address, "msg": sprintf("%s: versioning is suspended", [r.address])} if {
	some r in input.terraform.by_type.aws_s3_bucket
	name := object.get(r.values, "bucket", "")
	configured[name]
	not enabled[name]
}
