# Every RDS instance has storage encryption enabled.
package socle.bench.rds_encryption

resources contains db.address if some db in input.terraform.by_type.aws_db_instance

deny contains {"resource": db.address, "msg": sprintf("%s: storage is not encrypted", [db.address])} if {
	some db in input.terraform.by_type.aws_db_instance
	object.get(db.values, "storage_encrypted", false) != true
}
