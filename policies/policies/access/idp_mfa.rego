# METADATA
# title: Every identity provider account that a person signs in with has MFA
# description: >-
#   Every account of the identity provider that can sign in, other than service
#   accounts (which authenticate with API tokens, not interactively), has at
#   least one active second factor enrolled.
package soc1.access.idp_mfa

import data.soc1.lib.identity

people := {u | some u in identity.enabled; not identity.service_account(u)}

resources contains identity.login(u) if some u in people

deny contains {"resource": identity.login(u), "message": msg} if {
	some u in people
	not has_active_factor(u)
	msg := sprintf("%s (%s) can sign in without a second factor: no active factor is enrolled", [identity.login(u), u.status])
}

has_active_factor(u) if {
	some f in u.factors
	f.status == "ACTIVE"
}
