package socle.bench.rds_deletion_protection_test

import data.socle.bench.lib.fixture
import data.socle.bench.rds_deletion_protection

test_protected_database_passes if {
	count(rds_deletion_protection.deny) == 0 with input as fixture.plan([fixture.resource("aws_db_instance", "db", {"deletion_protection": true})])
}

test_unprotected_database_fails if {
	rds_deletion_protection.deny == {{"resource": "aws_db_instance.db", "msg": "aws_db_instance.db: deletion protection is disabled"}} with input as fixture.plan([fixture.resource("aws_db_instance", "db", {"deletion_protection": false})])
}
