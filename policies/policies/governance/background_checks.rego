# METADATA
# title: Background checks are completed before hire
# description: >-
#   Every current employee and contractor on the HR roster had a background check
#   completed on or before their hire date. The population is the current
#   personnel; a check completed after the hire date, or none, is a deviation.
package soc1.governance.background_checks

import data.soc1.lib.people
import data.soc1.lib.time

resources contains e.email if some e in people.active

deny contains {"resource": e.email, "message": msg} if {
	some e in people.active
	not checked_before_hire(e)
	msg := sprintf("%s (%s) started on %s; background check completed: %s", [e.name, e.employee_number, e.hire_date, people.or_none(e.background_check_completed)])
}

checked_before_hire(e) if time.not_after(e.background_check_completed, e.hire_date)
