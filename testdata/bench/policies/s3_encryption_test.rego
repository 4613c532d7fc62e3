package socle.bench.s3_encryption_test

import data.socle.bench.lib.fixture
import data.socle.bench.s3_encryption

bucket := fixture.resource("aws_s3_bucket", "a", {"bucket": "bench-a"})

sse(algorithm) := fixture.resource("aws_s3_bucket_server_side_encryption_configuration", "a", {
	"bucket": "bench-a",
	"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": algorithm}]}],
})

test_kms_encryption_passes if {
	inp := fixture.plan([bucket, sse("aws:kms")])
	count(s3_encryption.deny) == 0 with input as inp
	count(s3_encryption.warn) == 0 with input as inp
}

test_s3_managed_keys_warn if {
	inp := fixture.plan([bucket, sse("AES256")])
	count(s3_encryption.deny) == 0 with input as inp
	s3_encryption.warn == {{"resource": "aws_s3_bucket.a", "msg": "aws_s3_bucket.a: encrypted with S3-managed keys, not KMS"}} with input as inp
}

test_unencrypted_bucket_fails if {
	s3_encryption.deny == {{"resource": "aws_s3_bucket.a", "msg": "aws_s3_bucket.a: no default server-side encryption is configured"}} with input as fixture.plan([bucket])
}
