# METADATA
# title: Every database keeps automated backups and cannot be deleted by mistake
# description: >-
#   Every RDS DB instance of the account (rds describe-db-instances) retains its
#   automated backups for at least soc1.params.minimum_backup_retention_days days
#   and has deletion protection on.
package soc1.operations.rds_backups

import data.soc1.params

resources contains id if some id, _ in input.aws.rds.instances

deny contains {"resource": id, "message": sprintf("DB instance %s has a backup retention period of %v (days); at least %d days are required", [id, days, params.minimum_backup_retention_days])} if {
	some id, db in input.aws.rds.instances
	days := object.get(db, "BackupRetentionPeriod", 0)
	days < params.minimum_backup_retention_days
}

deny contains {"resource": id, "message": sprintf("DB instance %s does not have deletion protection", [id])} if {
	some id, db in input.aws.rds.instances
	object.get(db, "DeletionProtection", false) != true
}
