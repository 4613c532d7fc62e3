# METADATA
# title: Every S3 bucket keeps previous versions of its objects
# description: >-
#   Every S3 bucket of the account has versioning enabled (get-bucket-versioning
#   Status "Enabled"), so that an overwritten or deleted object can be recovered.
#   A bucket whose versioning was never set, or is suspended, is a deviation.
package soc1.operations.s3_versioning

resources contains name if some name, _ in input.aws.s3.buckets

deny contains {"resource": name, "message": sprintf("bucket %s has versioning %s", [name, state])} if {
	some name, b in input.aws.s3.buckets
	state := versioning_state(b)
	state != "enabled"
}

versioning_state(b) := lower(b.versioning.Status) if b.versioning.Status

else := "never enabled" if b.versioning != null

else := "not exported"
