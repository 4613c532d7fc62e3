package soc1.operations.rds_backups_test

import data.soc1.operations.rds_backups as control

rds(retention, protected) := {"aws": {"rds": {"instances": {"ledger": {"BackupRetentionPeriod": retention, "DeletionProtection": protected}}}}}

test_retained_backups_pass if {
	count(control.deny) == 0 with input as rds(14, true)
	control.resources == {"ledger"} with input as rds(14, true)
}

test_short_retention_fails if {
	denied := control.deny with input as rds(1, true)
	denied == {{"resource": "ledger", "message": "DB instance ledger has a backup retention period of 1 (days); at least 7 days are required"}}
}

test_no_deletion_protection_fails if {
	count(control.deny) == 1 with input as rds(7, false)
}
