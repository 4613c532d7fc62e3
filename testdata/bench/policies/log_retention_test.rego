package socle.bench.log_retention_test

import data.socle.bench.lib.fixture
import data.socle.bench.log_retention

group(days) := fixture.resource("aws_cloudwatch_log_group", "app", {"retention_in_days": days, "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/1"})

test_year_and_forever_pass if {
	count(log_retention.deny) == 0 with input as fixture.plan([group(365)])
	count(log_retention.deny) == 0 with input as fixture.plan([group(0)])
	count(log_retention.warn) == 0 with input as fixture.plan([group(0)])
}

test_short_retention_fails if {
	log_retention.deny == {{"resource": "aws_cloudwatch_log_group.app", "msg": "aws_cloudwatch_log_group.app: events are kept for 30 day(s), fewer than 365"}} with input as fixture.plan([group(30)])
}

test_group_without_kms_warns if {
	log_retention.warn == {{"resource": "aws_cloudwatch_log_group.app", "msg": "aws_cloudwatch_log_group.app: the log group is not encrypted with a KMS key"}} with input as fixture.plan([fixture.resource("aws_cloudwatch_log_group", "app", {"retention_in_days": 365})])
}
