# METADATA
# title: Personnel acknowledge the information security policy in force
# description: >-
#   Every current employee and contractor acknowledged the current version of the
#   information security policy (soc1.params.security_policy_version, effective
#   soc1.params.security_policy_effective) within the allowed days of its effective
#   date, or of their hire date when they joined later.
package soc1.governance.security_policy_acknowledged

import data.soc1.lib.people
import data.soc1.lib.time
import data.soc1.params

resources contains e.email if some e in people.active

deny contains {"resource": e.email, "message": msg} if {
	some e in people.active
	not acknowledged_in_time(e)
	msg := sprintf("%s (%s) has not acknowledged version %s of the information security policy within %d days of %s (acknowledged: %s)", [e.name, e.employee_number, params.security_policy_version, params.security_policy_days, window_start(e.hire_date), people.or_none(e.security_policy_acknowledged)])
}

acknowledged_in_time(e) if {
	time.not_after(params.security_policy_effective, e.security_policy_acknowledged)
	time.days(window_start(e.hire_date), e.security_policy_acknowledged) <= params.security_policy_days
}

# The day the acknowledgement window opens: the policy's effective date, or the
# hire date of someone who joined later.
window_start(hire) := hire if time.ns(hire) > time.ns(params.security_policy_effective)

else := params.security_policy_effective
