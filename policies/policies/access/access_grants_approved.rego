# METADATA
# title: Group memberships are granted only on an approved request
# description: >-
#   Every group membership the identity provider's system log shows being granted
#   (eventType group.user_membership.add, outcome SUCCESS) has an access request for
#   that user and group, approved before the grant by someone other than the user,
#   and was not granted by the user to themselves.
package soc1.access.access_grants_approved

import data.soc1.lib.identity
import data.soc1.lib.time

grant_id(e) := sprintf("%s %s", [e.published, e.uuid])

key(user, group) := sprintf("%s|%s", [lower(user), group])

# Approved requests by user and group, built once (a user may request a group
# more than once): the join is linear in grants + requests.
approved_requests := [{"key": key(r.value.requested_for, r.value.group), "request": r.value} |
	some r in input.access_requests.items
	lower(r.value.status) == "approved"
]

approved := {k: rs |
	some a in approved_requests
	k := a.key
	rs := [x.request | some x in approved_requests; x.key = k]
}

resources contains grant_id(e) if some e in identity.grants

deny contains {"resource": grant_id(e), "message": msg} if {
	some e in identity.grants
	not approved_before(e)
	msg := sprintf("%s was added to %s on %s by %s without an access request approved beforehand by someone else", [identity.grant_user(e), identity.grant_group(e), e.published, e.actor.alternateId])
}

deny contains {"resource": grant_id(e), "message": msg} if {
	some e in identity.grants
	lower(e.actor.alternateId) == lower(identity.grant_user(e))
	msg := sprintf("%s added themselves to %s on %s", [identity.grant_user(e), identity.grant_group(e), e.published])
}

approved_before(e) if {
	some r in approved[key(identity.grant_user(e), identity.grant_group(e))]
	lower(r.approved_by) != lower(r.requested_for)
	r.approved_by != ""
	time.not_after(r.approved_at, e.published)
}
