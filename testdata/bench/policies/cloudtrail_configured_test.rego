package socle.bench.cloudtrail_configured_test

import data.socle.bench.cloudtrail_configured
import data.socle.bench.lib.fixture

trail(multi_region, validation) := fixture.resource("aws_cloudtrail", "main", {
	"is_multi_region_trail": multi_region,
	"enable_log_file_validation": validation,
	"enable_logging": true,
})

test_complete_trail_passes if {
	count(cloudtrail_configured.deny) == 0 with input as fixture.plan([trail(true, true)])
}

test_incomplete_trail_fails if {
	cloudtrail_configured.deny == {
		{"resource": "aws_cloudtrail.main", "msg": "aws_cloudtrail.main: the trail records a single region"},
		{"resource": "aws_cloudtrail.main", "msg": "aws_cloudtrail.main: log file validation is disabled"},
	} with input as fixture.plan([trail(false, false)])
}
