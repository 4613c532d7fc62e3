package socle.bench.s3_access_logging_test

import data.socle.bench.lib.fixture
import data.socle.bench.s3_access_logging

bucket := fixture.resource("aws_s3_bucket", "a", {"bucket": "bench-a"})

test_logged_bucket_passes if {
	logging := fixture.resource("aws_s3_bucket_logging", "a", {"bucket": "bench-a", "target_bucket": "logs", "target_prefix": "bench-a/"})
	count(s3_access_logging.deny) == 0 with input as fixture.plan([bucket, logging])
}

test_unlogged_bucket_fails if {
	other := fixture.resource("aws_s3_bucket_logging", "b", {"bucket": "bench-b", "target_bucket": "logs"})
	s3_access_logging.deny == {{"resource": "aws_s3_bucket.a", "msg": "aws_s3_bucket.a: server access logging is not enabled"}} with input as fixture.plan([bucket, other])
}
