# METADATA
# title: CloudTrail trails in Terraform log every region with validated log files
# description: >-
#   Every aws_cloudtrail the Terraform configuration manages is multi-region,
#   includes global service events, validates its log files and is not turned off
#   (enable_logging), so that a pull request weakening audit logging fails before
#   it is applied.
package soc1.operations.terraform_cloudtrail

import data.soc1.lib.terraform

trails := terraform.of_type("aws_cloudtrail")

resources contains t.address if some t in trails

deny contains {"resource": t.address, "message": sprintf("%s %s", [t.address, problem])} if {
	some t in trails
	some field, problem in {
		"is_multi_region_trail": "is not multi-region",
		"include_global_service_events": "does not include global service events",
		"enable_log_file_validation": "does not validate its log files",
	}
	object.get(t.values, field, false) != true
}

deny contains {"resource": t.address, "message": sprintf("%s has logging turned off", [t.address])} if {
	some t in trails
	object.get(t.values, "enable_logging", true) == false
}
