package soc1.operations.s3_versioning_test

import data.soc1.operations.s3_versioning as control

s3(versioning) := {"aws": {"s3": {"buckets": {"exports": {"name": "exports", "versioning": versioning}}}}}

test_versioned_bucket_passes if {
	count(control.deny) == 0 with input as s3({"Status": "Enabled"})
	control.resources == {"exports"} with input as s3({"Status": "Enabled"})
}

test_suspended_fails if {
	denied := control.deny with input as s3({"Status": "Suspended"})
	denied == {{"resource": "exports", "message": "bucket exports has versioning suspended"}}
}

test_never_set_fails if {
	count(control.deny) == 1 with input as s3({})
}
