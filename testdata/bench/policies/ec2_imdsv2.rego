# Every EC2 instance requires session tokens (IMDSv2) for its metadata service.
package socle.bench.ec2_imdsv2

resources contains r.address if some r in input.terraform.by_type.aws_instance

requires_tokens(r) if {
	some m in object.get(r.values, "metadata_options", [])
	m.http_tokens == "required"
}

deny contains {"resource": r.address, "msg": sprintf("%s: the instance metadata service does not require IMDSv2 tokens", [r.address])} if {
	some r in input.terraform.by_type.aws_instance
	not requires_tokens(r)
}
