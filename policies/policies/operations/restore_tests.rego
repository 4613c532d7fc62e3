# METADATA
# title: Every production database has been restored successfully from backup
# description: >-
#   Every primary RDS DB instance of the account (read replicas excluded) has at
#   least one successful restore test in the restore test log, and every failed
#   restore test names the ticket that followed it up. Backups that were never
#   restored are not known to be recoverable.
package soc1.operations.restore_tests

import data.soc1.lib.time

tests := [row.value | some row in input.restore_tests.items]

restored := {t.db_instance | some t in tests; lower(t.result) == "success"}

primaries contains id if {
	some id, db in input.aws.rds.instances
	not db.ReadReplicaSourceDBInstanceIdentifier
}

resources contains id if some id in primaries

resources contains t.test_id if {
	some t in tests
	lower(t.result) != "success"
}

deny contains {"resource": id, "message": sprintf("DB instance %s has no successful restore test in the log", [id])} if {
	some id in primaries
	not restored[id]
}

deny contains {"resource": t.test_id, "message": sprintf("restore test %s of %s on %s %s and names no follow-up ticket", [t.test_id, t.db_instance, t.restored_at, t.result])} if {
	some t in tests
	lower(t.result) != "success"
	not time.present(t.ticket)
}
