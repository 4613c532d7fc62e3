# Every EBS volume and every instance root volume is encrypted.
package socle.bench.ebs_encryption

resources contains r.address if some r in input.terraform.by_type.aws_ebs_volume

resources contains r.address if some r in input.terraform.by_type.aws_instance

deny contains {"resource": r.address, "msg": sprintf("%s: the volume is not encrypted", [r.address])} if {
	some r in input.terraform.by_type.aws_ebs_volume
	object.get(r.values, "encrypted", false) != true
}

deny contains {"resource": r.address, "msg": sprintf("%s: the root volume is not encrypted", [r.address])} if {
	some r in input.terraform.by_type.aws_instance
	some d in object.get(r.values, "root_block_device", [])
	object.get(d, "encrypted", false) != true
}
