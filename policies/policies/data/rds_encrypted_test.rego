package soc1.data.rds_encrypted_test

import data.soc1.data.rds_encrypted as control

rds(encrypted) := {"aws": {"rds": {"instances": {"ledger": {"StorageEncrypted": encrypted}}}}}

test_encrypted_passes if {
	count(control.deny) == 0 with input as rds(true)
	control.resources == {"ledger"} with input as rds(true)
}

test_unencrypted_fails if {
	count(control.deny) == 1 with input as rds(false)
}
