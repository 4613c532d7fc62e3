package soc1.operations.terraform_rds_backups_test

import data.soc1.operations.terraform_rds_backups as control

tf(values) := {"terraform": {"by_type": {"aws_db_instance": [{"address": "aws_db_instance.ledger", "values": values}]}}}

test_retained_backups_pass if {
	count(control.deny) == 0 with input as tf({"backup_retention_period": 14, "deletion_protection": true})
	control.resources == {"aws_db_instance.ledger"} with input as tf({"backup_retention_period": 14, "deletion_protection": true})
}

test_no_backups_fails if {
	count(control.deny) == 1 with input as tf({"backup_retention_period": 0, "deletion_protection": true})
}

test_unprotected_fails if {
	count(control.deny) == 1 with input as tf({"backup_retention_period": 7})
}
