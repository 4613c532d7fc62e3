package socle.bench.s3_public_access_test

import data.socle.bench.lib.fixture
import data.socle.bench.s3_public_access

bucket := fixture.resource("aws_s3_bucket", "a", {"bucket": "bench-a"})

block(policy) := fixture.resource("aws_s3_bucket_public_access_block", "a", {
	"bucket": "bench-a",
	"block_public_acls": true,
	"block_public_policy": policy,
	"ignore_public_acls": true,
	"restrict_public_buckets": true,
})

test_full_block_passes if {
	count(s3_public_access.deny) == 0 with input as fixture.plan([bucket, block(true)])
}

test_missing_block_fails if {
	s3_public_access.deny == {{"resource": "aws_s3_bucket.a", "msg": "aws_s3_bucket.a: no public access block"}} with input as fixture.plan([bucket])
}

test_partial_block_fails if {
	s3_public_access.deny == {{"resource": "aws_s3_bucket.a", "msg": "aws_s3_bucket.a: public access block has block_public_policy disabled"}} with input as fixture.plan([bucket, block(false)])
}
