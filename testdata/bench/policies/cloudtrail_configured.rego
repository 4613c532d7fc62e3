# Every trail records all regions, is logging, and writes digest files so that
# tampering with its log files can be detected.
package socle.bench.cloudtrail_configured

resources contains t.address if some t in input.terraform.by_type.aws_cloudtrail

deny contains {"resource": t.address, "msg": sprintf("%s: the trail records a single region", [t.address])} if {
	some t in input.terraform.by_type.aws_cloudtrail
	object.get(t.values, "is_multi_region_trail", false) != true
}

deny contains {"resource": t.address, "msg": sprintf("%s: log file validation is disabled", [t.address])} if {
	some t in input.terraform.by_type.aws_cloudtrail
	object.get(t.values, "enable_log_file_validation", false) != true
}

deny contains {"resource": t.address, "msg": sprintf("%s: logging is turned off", [t.address])} if {
	some t in input.terraform.by_type.aws_cloudtrail
	object.get(t.values, "enable_logging", true) == false
}
