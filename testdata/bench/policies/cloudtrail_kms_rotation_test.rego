package socle.bench.cloudtrail_kms_rotation_test

import data.socle.bench.cloudtrail_kms_rotation
import data.socle.bench.lib.fixture

key_arn := "arn:aws:kms:us-east-1:111122223333:key/0f0e0d0c-0b0a-4090-a080-706050403020"

key(rotation) := fixture.resource("aws_kms_key", "trail", {"arn": key_arn, "key_id": "0f0e0d0c-0b0a-4090-a080-706050403020", "enable_key_rotation": rotation})

trail(key_id) := fixture.resource("aws_cloudtrail", "main", {"name": "main", "kms_key_id": key_id})

test_rotating_key_passes if {
	inp := fixture.plan([key(true), trail(key_arn)])
	count(cloudtrail_kms_rotation.deny) == 0 with input as inp
	cloudtrail_kms_rotation.resources == {"aws_cloudtrail.main"} with input as inp
}

test_key_known_only_after_apply_is_not_judged if {
	created := fixture.created(fixture.resource("aws_cloudtrail", "main", {"name": "main"}), ["kms_key_id"])
	count(cloudtrail_kms_rotation.deny) == 0 with input as fixture.plan([created])
}

test_key_without_rotation_fails if {
	cloudtrail_kms_rotation.deny == {{"resource": "aws_cloudtrail.main", "msg": sprintf("aws_cloudtrail.main: KMS key %s does not rotate (or is not managed here)", [key_arn])}} with input as fixture.plan([key(false), trail(key_arn)])
}

test_unencrypted_trail_fails if {
	cloudtrail_kms_rotation.deny == {{"resource": "aws_cloudtrail.main", "msg": "aws_cloudtrail.main: logs are not encrypted with a KMS key"}} with input as fixture.plan([trail(null)])
}
