package socle.bench.rds_backup_test

import data.socle.bench.lib.fixture
import data.socle.bench.rds_backup

db(days, multi_az) := fixture.resource("aws_db_instance", "db", {"backup_retention_period": days, "multi_az": multi_az})

test_two_weeks_of_backups_pass if {
	inp := fixture.plan([db(14, true)])
	count(rds_backup.deny) == 0 with input as inp
	count(rds_backup.warn) == 0 with input as inp
}

test_short_retention_fails if {
	rds_backup.deny == {{"resource": "aws_db_instance.db", "msg": "aws_db_instance.db: backups are kept for 1 day(s), fewer than 7"}} with input as fixture.plan([db(1, true)])
}

test_single_az_warns if {
	rds_backup.warn == {{"resource": "aws_db_instance.db", "msg": "aws_db_instance.db: the instance is not Multi-AZ"}} with input as fixture.plan([db(14, false)])
}
