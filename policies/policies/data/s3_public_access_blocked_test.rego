package soc1.data.s3_public_access_blocked_test

import data.soc1.data.s3_public_access_blocked as control

blocked := {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}

s3(pab) := {"aws": {"s3": {"buckets": {"exports": {"name": "exports", "public_access_block": pab}}}}}

test_blocked_bucket_passes if {
	count(control.deny) == 0 with input as s3(blocked)
	control.resources == {"exports"} with input as s3(blocked)
}

test_partly_blocked_fails if {
	denied := control.deny with input as s3(object.union(blocked, {"BlockPublicPolicy": false, "RestrictPublicBuckets": false}))
	denied == {{"resource": "exports", "message": "bucket exports does not block public access: BlockPublicPolicy, RestrictPublicBuckets off"}}
}

test_no_block_fails if {
	count(control.deny) == 1 with input as s3(null)
}
