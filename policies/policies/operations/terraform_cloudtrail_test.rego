package soc1.operations.terraform_cloudtrail_test

import data.soc1.operations.terraform_cloudtrail as control

good := {"is_multi_region_trail": true, "include_global_service_events": true, "enable_log_file_validation": true, "enable_logging": true}

tf(values) := {"terraform": {"by_type": {"aws_cloudtrail": [{"address": "aws_cloudtrail.main", "values": values}]}}}

test_complete_trail_passes if {
	count(control.deny) == 0 with input as tf(good)
	control.resources == {"aws_cloudtrail.main"} with input as tf(good)
}

test_unvalidated_single_region_trail_fails if {
	count(control.deny) == 2 with input as tf(object.union(good, {"is_multi_region_trail": false, "enable_log_file_validation": false}))
}

test_logging_off_fails if {
	count(control.deny) == 1 with input as tf(object.union(good, {"enable_logging": false}))
}
