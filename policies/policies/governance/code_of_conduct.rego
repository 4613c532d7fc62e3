# METADATA
# title: New personnel acknowledge the code of conduct
# description: >-
#   Every current employee and contractor acknowledged the code of conduct within
#   the allowed number of days of their hire date (soc1.params.code_of_conduct_days).
#   No acknowledgement, or a late one, is a deviation.
package soc1.governance.code_of_conduct

import data.soc1.lib.people
import data.soc1.lib.time
import data.soc1.params

resources contains e.email if some e in people.active

deny contains {"resource": e.email, "message": msg} if {
	some e in people.active
	not acknowledged_in_time(e)
	msg := sprintf("%s (%s) was hired on %s and acknowledged the code of conduct on: %s (allowed: %d days)", [e.name, e.employee_number, e.hire_date, people.or_none(e.code_of_conduct_acknowledged), params.code_of_conduct_days])
}

acknowledged_in_time(e) if time.days(e.hire_date, e.code_of_conduct_acknowledged) <= params.code_of_conduct_days
