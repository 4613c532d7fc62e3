# METADATA
# title: API activity is logged in every region, with validated log files
# description: >-
#   The account has at least one CloudTrail trail that is multi-region, includes
#   global service events, validates its log files and is logging; and every trail
#   of the account validates its log files and is logging. The population is the
#   account's trails.
package soc1.operations.cloudtrail

trails := input.aws.cloudtrail.trails

resources contains name if some name, _ in trails

deny contains "no trail logs every region with validated log files: create a multi-region trail with log file validation and global service events" if {
	count(trails) > 0
	not some_complete_trail
}

deny contains {"resource": name, "message": sprintf("trail %s does not validate its log files", [name])} if {
	some name, t in trails
	object.get(t, "LogFileValidationEnabled", false) != true
}

deny contains {"resource": name, "message": sprintf("trail %s is not logging", [name])} if {
	some name, t in trails
	not logging(t)
}

some_complete_trail if {
	some t in trails
	t.IsMultiRegionTrail == true
	t.IncludeGlobalServiceEvents == true
	t.LogFileValidationEnabled == true
	logging(t)
}

logging(t) if t.status.IsLogging == true
