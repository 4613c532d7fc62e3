# METADATA
# title: Databases in Terraform keep automated backups
# description: >-
#   Every aws_db_instance the Terraform configuration manages sets
#   backup_retention_period to at least soc1.params.minimum_backup_retention_days
#   days, and deletion_protection: a pull request that would shorten retention or
#   remove the protection fails before it is applied.
package soc1.operations.terraform_rds_backups

import data.soc1.lib.terraform
import data.soc1.params

instances := terraform.of_type("aws_db_instance")

resources contains db.address if some db in instances

deny contains {"resource": db.address, "message": sprintf("%s sets backup_retention_period to %v (days); at least %d days are required", [db.address, days, params.minimum_backup_retention_days])} if {
	some db in instances
	days := object.get(db.values, "backup_retention_period", 0)
	days < params.minimum_backup_retention_days
}

deny contains {"resource": db.address, "message": sprintf("%s does not set deletion_protection", [db.address])} if {
	some db in instances
	object.get(db.values, "deletion_protection", false) != true
}
