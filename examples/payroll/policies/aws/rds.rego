package acme.aws.rds_encrypted

resources contains db.address if some db in object.get(input.terraform.by_type, "aws_db_instance", [])

deny contains {"resource": db.address, "message": sprintf("database %s does not encrypt its storage", [db.values.identifier])} if {
	some db in object.get(input.terraform.by_type, "aws_db_instance", [])
	not db.values.storage_encrypted
}
