package soc1.operations.restore_tests_test

import data.soc1.operations.restore_tests as control

aws := {"rds": {"instances": {"ledger": {}, "reporting": {"ReadReplicaSourceDBInstanceIdentifier": "ledger"}}}}

log(rows) := {"items": [{"value": r} | some r in rows]}

test(id, result, ticket) := {"test_id": id, "db_instance": "ledger", "restored_at": "2026-09-09", "result": result, "ticket": ticket}

test_restored_database_passes if {
	inp := {"aws": aws, "restore_tests": log([test("RT-1", "failed", "OPS-1"), test("RT-2", "success", "")])}
	count(control.deny) == 0 with input as inp
	control.resources == {"ledger", "RT-1"} with input as inp
}

test_never_restored_fails if {
	denied := control.deny with input as {"aws": aws, "restore_tests": log([])}
	denied == {{"resource": "ledger", "message": "DB instance ledger has no successful restore test in the log"}}
}

test_failure_without_ticket_fails if {
	count(control.deny) == 2 with input as {"aws": aws, "restore_tests": log([test("RT-1", "failed", "")])}
}
