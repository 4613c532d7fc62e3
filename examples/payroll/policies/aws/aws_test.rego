package acme.aws_test

import data.acme.aws.iam_no_wildcard_actions
import data.acme.aws.rds_backups
import data.acme.aws.s3_encrypted

bucket := {"address": "aws_s3_bucket.a", "values": {"bucket": "a"}}

sse := {"values": {"bucket": "a", "rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]}]}}

test_bucket_without_sse_fails if {
	count(s3_encrypted.deny) == 1 with input as {"terraform": {"by_type": {"aws_s3_bucket": [bucket]}}}
}

test_bucket_with_kms_sse_passes if {
	count(s3_encrypted.deny) == 0 with input as {"terraform": {"by_type": {"aws_s3_bucket": [bucket], "aws_s3_bucket_server_side_encryption_configuration": [sse]}}}
}

test_short_backup_retention_fails if {
	db := {"address": "aws_db_instance.x", "values": {"identifier": "x", "backup_retention_period": 1}}
	count(rds_backups.deny) == 1 with input as {"terraform": {"by_type": {"aws_db_instance": [db]}}}
}

test_wildcard_action_fails if {
	p := {"address": "aws_iam_policy.p", "values": {"name": "p", "policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}}
	count(iam_no_wildcard_actions.deny) == 1 with input as {"terraform": {"by_type": {"aws_iam_policy": [p]}}}
}
