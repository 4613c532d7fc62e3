# Every RDS instance keeps at least seven days of automated backups.
# Single-AZ instances are reported as a warning.
package socle.bench.rds_backup

min_retention_days := 7

resources contains db.address if some db in input.terraform.by_type.aws_db_instance

deny contains {"resource": db.address, "msg": sprintf("%s: backups are kept for %d day(s), fewer than %d", [db.address, days, min_retention_days])} if {
	some db in input.terraform.by_type.aws_db_instance
	days := object.get(db.values, "backup_retention_period", 0)
	days < min_retention_days
}

warn contains {"resource": db.address, "msg": sprintf("%s: the instance is not Multi-AZ", [db.address])} if {
	some db in input.terraform.by_type.aws_db_instance
	object.get(db.values, "multi_az", false) != true
}
