package socle.bench.rds_encryption_test

import data.socle.bench.lib.fixture
import data.socle.bench.rds_encryption

test_encrypted_database_passes if {
	count(rds_encryption.deny) == 0 with input as fixture.plan([fixture.resource("aws_db_instance", "db", {"storage_encrypted": true})])
}

test_unencrypted_database_fails if {
	rds_encryption.deny == {{"resource": "aws_db_instance.db", "msg": "aws_db_instance.db: storage is not encrypted"}} with input as fixture.plan([fixture.resource("aws_db_instance", "db", {"storage_encrypted": false})])
}
