# METADATA
# title: Every identity provider account belongs to one identified person
# description: >-
#   Every identity provider account that can sign in is traceable to one
#   individual: a person's account carries the employee number of someone on the
#   HR roster, and a service account names an owner who is current personnel. An
#   account with neither (a shared, generic or test account) is a deviation.
#   Accounts of leavers are the subject of the terminated-access control.
package soc1.access.no_shared_accounts

import data.soc1.lib.identity
import data.soc1.lib.people

on_roster := {e.employee_number | some e in people.employees}

current := {e.employee_number | some e in people.active}

resources contains identity.login(u) if some u in identity.enabled

deny contains {"resource": identity.login(u), "message": msg} if {
	some u in identity.enabled
	not identity.service_account(u)
	not linked_to_roster(u)
	msg := sprintf("%s is not linked to anyone on the HR roster (employee number: %s): it may be shared or generic", [identity.login(u), people.or_none(object.get(u.profile, "employeeNumber", ""))])
}

deny contains {"resource": identity.login(u), "message": msg} if {
	some u in identity.enabled
	identity.service_account(u)
	not owned_by_current_personnel(u)
	msg := sprintf("service account %s has no owner who is current personnel (owner: %s)", [identity.login(u), people.or_none(object.get(u.profile, "serviceOwner", ""))])
}

# Helpers, so that an account without the field is a deviation rather than
# skipped (a reference to a missing field inside "not" would be undefined).
linked_to_roster(u) if on_roster[u.profile.employeeNumber]

owned_by_current_personnel(u) if current[u.profile.serviceOwner]
