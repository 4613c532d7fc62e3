package acme.aws.rds_backups

minimum_days := 7

resources contains db.address if some db in object.get(input.terraform.by_type, "aws_db_instance", [])

deny contains {"resource": db.address, "message": sprintf("database %s keeps backups for %d days; the minimum is %d", [db.values.identifier, days, minimum_days])} if {
	some db in object.get(input.terraform.by_type, "aws_db_instance", [])
	days := object.get(db.values, "backup_retention_period", 0)
	days < minimum_days
}
