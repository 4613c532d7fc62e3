package socle.bench.kms_rotation_test

import data.socle.bench.kms_rotation
import data.socle.bench.lib.fixture

test_rotating_and_signing_keys_pass if {
	inp := fixture.plan([
		fixture.resource("aws_kms_key", "data", {"enable_key_rotation": true}),
		fixture.resource("aws_kms_key", "signing", {"enable_key_rotation": false, "key_usage": "SIGN_VERIFY", "customer_master_key_spec": "RSA_2048"}),
	])
	count(kms_rotation.deny) == 0 with input as inp
	count(kms_rotation.resources) == 2 with input as inp
}

test_key_without_rotation_fails if {
	kms_rotation.deny == {{"resource": "aws_kms_key.data", "msg": "aws_kms_key.data: automatic key rotation is disabled"}} with input as fixture.plan([fixture.resource("aws_kms_key", "data", {"enable_key_rotation": false})])
}
