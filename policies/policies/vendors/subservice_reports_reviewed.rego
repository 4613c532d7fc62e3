# METADATA
# title: Subservice organizations' assurance reports are obtained and reviewed
# description: >-
#   For every subservice organization in the register, management holds a
#   Type 2 service auditor's report whose period ended at most
#   soc1.params.subservice_report_max_age_days days before the register's date,
#   with a bridge letter covering the gap when it exceeds
#   soc1.params.subservice_bridge_gap_days days; and a named reviewer reviewed it
#   after receiving it, evaluating the complementary subservice organization
#   controls, the user entity controls it implements and any exceptions. This is
#   the control that monitors the subservice organizations.
package soc1.vendors.subservice_reports_reviewed

import data.soc1.lib.time
import data.soc1.params

register := input.vendors.content

resources contains o.name if some o in register.organizations

deny contains {"resource": o.name, "message": sprintf("%s: %s", [o.name, problem])} if {
	some o in register.organizations
	some problem in problems(o)
}

problems(o) := {p |
	some check, p in {
		"type2": "the report is not a Type 2 report (operating effectiveness over a period)",
		"current": sprintf("the report's period ended more than %d days before %s", [params.subservice_report_max_age_days, register.register_date]),
		"bridged": sprintf("the gap after the report's period exceeds %d days and no bridge letter covers it", [params.subservice_bridge_gap_days]),
		"reviewed": "no review of the report by a named reviewer after its receipt is recorded",
		"csocs": "the review does not record that the complementary subservice organization controls were evaluated",
		"cuecs": "the review does not record that the user entity controls the report expects are implemented",
		"exceptions": "the review does not record that exceptions were evaluated",
	}
	not satisfied(o, check)
}

satisfied(o, "type2") if regex.match(`(?i)type (2|ii)\b`, o.report.type)

satisfied(o, "current") if time.days(o.report.period_end, register.register_date) <= params.subservice_report_max_age_days

satisfied(o, "bridged") if time.days(o.report.period_end, register.register_date) <= params.subservice_bridge_gap_days

satisfied(o, "bridged") if time.days(o.bridge_letter.covers_through, register.register_date) <= params.subservice_bridge_gap_days

satisfied(o, "reviewed") if {
	time.present(o.review.reviewed_by)
	time.not_after(o.report.received_on, o.review.reviewed_on)
}

satisfied(o, "csocs") if o.review.csocs_evaluated == true

satisfied(o, "cuecs") if o.review.cuecs_implemented == true

satisfied(o, "exceptions") if o.review.exceptions_evaluated == true
