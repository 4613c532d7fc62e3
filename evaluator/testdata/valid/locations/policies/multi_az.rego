package t.multi_az

resources contains db.address if some db in input.terraform.by_type.aws_db_instance

deny contains {"resource": db.address, "message": "not multi-AZ"} if {
	some db in input.terraform.by_type.aws_db_instance
	not db.values.multi_az
}
