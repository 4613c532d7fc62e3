package socle.bench.s3_versioning_test

import data.socle.bench.lib.fixture
import data.socle.bench.s3_versioning

bucket := fixture.resource("aws_s3_bucket", "a", {"bucket": "bench-a"})

versioning(status) := fixture.resource("aws_s3_bucket_versioning", "a", {
	"bucket": "bench-a",
	"versioning_configuration": [{"status": status}],
})

test_enabled_versioning_passes if {
	inp := fixture.plan([bucket, versioning("Enabled")])
	count(s3_versioning.deny) == 0 with input as inp
	s3_versioning.resources == {"aws_s3_bucket.a"} with input as inp
}

test_missing_versioning_fails if {
	s3_versioning.deny == {{
		"resource": "aws_s3_bucket.a",
		"msg": `aws_s3_bucket.a: versioning is not enabled (no aws_s3_bucket_versioning for bucket "bench-a")`,
	}} with input as fixture.plan([bucket])
}

test_suspended_versioning_fails if {
	s3_versioning.deny == {{"resource": "aws_s3_bucket.a", "msg": "aws_s3_bucket.a: versioning is suspended"}} with input as fixture.plan([bucket, versioning("Suspended")])
}
