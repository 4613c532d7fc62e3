# Every bucket writes server access logs (an aws_s3_bucket_logging resource
# names the bucket and a target bucket).
package socle.bench.s3_access_logging

logged := {l.values.bucket |
	some l in input.terraform.by_type.aws_s3_bucket_logging
	object.get(l.values, "target_bucket", "") != ""
}

resources contains r.address if some r in input.terraform.by_type.aws_s3_bucket

deny contains {"resource": r.address, "msg": sprintf("%s: server access logging is not enabled", [r.address])} if {
	some r in input.terraform.by_type.aws_s3_bucket
	not logged[object.get(r.values, "bucket", "")]
}
