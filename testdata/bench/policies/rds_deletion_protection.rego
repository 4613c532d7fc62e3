# Every RDS instance has deletion protection enabled.
package socle.bench.rds_deletion_protection

resources contains db.address if some db in input.terraform.by_type.aws_db_instance

deny contains {"resource": db.address, "msg": sprintf("%s: deletion protection is disabled", [db.address])} if {
	some db in input.terraform.by_type.aws_db_instance
	object.get(db.values, "deletion_protection", false) != true
}
