package acme.aws.cloudtrail

trails := object.get(input.terraform.by_type, "aws_cloudtrail", [])

resources contains t.address if some t in trails

# The account as a whole: no multi-region trail at all is a finding about the target.
deny contains "no multi-region CloudTrail trail is defined" if {
	count([t | some t in trails; t.values.is_multi_region_trail]) == 0
}

deny contains {"resource": t.address, "message": sprintf("trail %s does not validate its log files", [t.values.name])} if {
	some t in trails
	not t.values.enable_log_file_validation
}
