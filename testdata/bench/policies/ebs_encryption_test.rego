package socle.bench.ebs_encryption_test

import data.socle.bench.ebs_encryption
import data.socle.bench.lib.fixture

volume(encrypted) := fixture.resource("aws_ebs_volume", "data", {"encrypted": encrypted})

instance(encrypted) := fixture.resource("aws_instance", "app", {"root_block_device": [{"encrypted": encrypted}]})

test_encrypted_volumes_pass if {
	inp := fixture.plan([volume(true), instance(true)])
	count(ebs_encryption.deny) == 0 with input as inp
	ebs_encryption.resources == {"aws_ebs_volume.data", "aws_instance.app"} with input as inp
}

test_unencrypted_volumes_fail if {
	ebs_encryption.deny == {
		{"resource": "aws_ebs_volume.data", "msg": "aws_ebs_volume.data: the volume is not encrypted"},
		{"resource": "aws_instance.app", "msg": "aws_instance.app: the root volume is not encrypted"},
	} with input as fixture.plan([volume(false), instance(false)])
}
