package acme.aws_test

import data.acme.aws.cloudtrail
import data.acme.aws.iam_no_wildcard_actions
import data.acme.aws.rds_backups
import data.acme.aws.rds_encrypted
import data.acme.aws.s3_encrypted
import data.acme.aws.s3_public_access_blocked

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

pab(b, on) := {"values": {"bucket": b, "block_public_acls": on, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}}

test_bucket_without_public_access_block_fails if {
	count(s3_public_access_blocked.deny) == 1 with input as {"terraform": {"by_type": {"aws_s3_bucket": [bucket]}}}
}

test_bucket_with_partial_block_fails if {
	count(s3_public_access_blocked.deny) == 1 with input as {"terraform": {"by_type": {"aws_s3_bucket": [bucket], "aws_s3_bucket_public_access_block": [pab("a", false)]}}}
}

test_bucket_fully_blocked_passes if {
	count(s3_public_access_blocked.deny) == 0 with input as {"terraform": {"by_type": {"aws_s3_bucket": [bucket], "aws_s3_bucket_public_access_block": [pab("a", true)]}}}
}

test_unencrypted_database_fails if {
	db := {"address": "aws_db_instance.x", "values": {"identifier": "x", "storage_encrypted": false}}
	count(rds_encrypted.deny) == 1 with input as {"terraform": {"by_type": {"aws_db_instance": [db]}}}
}

test_encrypted_database_passes if {
	db := {"address": "aws_db_instance.x", "values": {"identifier": "x", "storage_encrypted": true}}
	count(rds_encrypted.deny) == 0 with input as {"terraform": {"by_type": {"aws_db_instance": [db]}}}
}

test_no_trail_is_a_target_wide_finding if {
	cloudtrail.deny == {"no multi-region CloudTrail trail is defined"} with input as {"terraform": {"by_type": {}}}
}

test_trail_without_validation_fails if {
	t := {"address": "aws_cloudtrail.t", "values": {"name": "t", "is_multi_region_trail": true, "enable_log_file_validation": false}}
	count(cloudtrail.deny) == 1 with input as {"terraform": {"by_type": {"aws_cloudtrail": [t]}}}
}
