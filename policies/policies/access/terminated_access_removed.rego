# METADATA
# title: Leavers' identity provider accounts are disabled within the SLA
# description: >-
#   For every employee and contractor the HR roster marks terminated, every
#   identity provider account linked to them (by employee number or by login) is
#   disabled no later than soc1.params.deprovisioning_sla_days whole days after
#   the termination date. The population is the leavers on the roster; an account
#   still enabled past the SLA at the time of the export, or disabled late, is a
#   deviation, with the number of days it took.
package soc1.access.terminated_access_removed

import data.soc1.lib.identity
import data.soc1.lib.people
import data.soc1.lib.time
import data.soc1.params

# Lookup tables, built once, so that the join is linear in roster + accounts.
accounts_by_number := {n: accounts |
	some u in identity.users
	n := u.profile.employeeNumber
	accounts := [a | some a in identity.users; a.profile.employeeNumber = n]
}

accounts_by_login := {identity.login(u): [u] | some u in identity.users}

# An account linked both ways is listed twice: it is judged twice, with the
# same finding, which the deny set keeps once.
accounts(e) := array.concat(object.get(accounts_by_number, e.employee_number, []), object.get(accounts_by_login, lower(e.email), []))

# When the identity provider export was taken: "now" for an account still
# enabled. An export without a date cannot show that the SLA still runs.
default exported_at := ""

exported_at := max(dates) if {
	dates := {item.value.exported_at | some item in input.idp.items}
	count(dates) > 0
}

resources contains e.email if some e in people.terminated

deny contains {"resource": e.email, "message": msg} if {
	some e in people.terminated
	some u in accounts(e)
	not u.status in identity.disabled_statuses
	not within_sla(e.termination_date, exported_at)
	msg := sprintf("%s (%s) was terminated on %s, but account %s is still %s in the export of %s (%s days later; the SLA is %d)", [e.name, e.employee_number, people.or_none(e.termination_date), identity.login(u), u.status, people.or_none(exported_at), days_shown(e.termination_date, exported_at), params.deprovisioning_sla_days])
}

deny contains {"resource": e.email, "message": msg} if {
	some e in people.terminated
	some u in accounts(e)
	u.status in identity.disabled_statuses
	not within_sla(e.termination_date, u.statusChanged)
	msg := sprintf("%s (%s) was terminated on %s; account %s was disabled on %s, %s days later (the SLA is %d)", [e.name, e.employee_number, people.or_none(e.termination_date), identity.login(u), u.statusChanged, days_shown(e.termination_date, u.statusChanged), params.deprovisioning_sla_days])
}

within_sla(terminated, at) if time.days(terminated, at) <= params.deprovisioning_sla_days

days_shown(from, to) := s if {
	d := time.days(from, to)
	s := sprintf("%d", [d])
} else := "an unknown number of"
