# Every CloudWatch log group keeps events for at least a year (0 means they never
# expire). Groups not encrypted with a KMS key are reported as a warning.
package socle.bench.log_retention

min_retention_days := 365

resources contains g.address if some g in input.terraform.by_type.aws_cloudwatch_log_group

deny contains {"resource": g.address, "msg": sprintf("%s: events are kept for %d day(s), fewer than %d", [g.address, days, min_retention_days])} if {
	some g in input.terraform.by_type.aws_cloudwatch_log_group
	days := object.get(g.values, "retention_in_days", 0)
	days != 0
	days < min_retention_days
}

warn contains {"resource": g.address, "msg": sprintf("%s: the log group is not encrypted with a KMS key", [g.address])} if {
	some g in input.terraform.by_type.aws_cloudwatch_log_group
	object.get(g.values, "kms_key_id", null) in {null, ""}
}
