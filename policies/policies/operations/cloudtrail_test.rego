package soc1.operations.cloudtrail_test

import data.soc1.operations.cloudtrail as control

complete := {"IsMultiRegionTrail": true, "IncludeGlobalServiceEvents": true, "LogFileValidationEnabled": true, "status": {"IsLogging": true}}

aws(trails) := {"aws": {"cloudtrail": {"trails": trails}}}

test_complete_trail_passes if {
	count(control.deny) == 0 with input as aws({"main": complete})
	control.resources == {"main"} with input as aws({"main": complete})
}

test_single_region_trail_fails if {
	denied := control.deny with input as aws({"main": object.union(complete, {"IsMultiRegionTrail": false})})
	denied == {"no trail logs every region with validated log files: create a multi-region trail with log file validation and global service events"}
}

test_stopped_trail_without_validation_fails if {
	stopped := object.union(complete, {"LogFileValidationEnabled": false, "status": {"IsLogging": false}})
	count(control.deny) == 2 with input as aws({"main": complete, "data": stopped})
}
