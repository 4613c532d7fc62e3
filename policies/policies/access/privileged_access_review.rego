# METADATA
# title: Privileged access is reviewed each quarter and the review is acted upon
# description: >-
#   The latest privileged access review campaign (input.access_review) was
#   completed; every current member of a group in its scope was reviewed, unless
#   the identity provider's log shows the membership granted after the campaign
#   started (a warning: the next campaign reviews it); no one reviewed their own
#   access; and every membership the reviewers revoked is gone from the identity
#   provider.
package soc1.access.privileged_access_review

import data.soc1.lib.identity
import data.soc1.lib.time

review := input.access_review.content

scope := {g | some g in review.groups}

reviewed := {identity.membership_key(d.group, d.user) | some d in review.decisions}

current := {identity.membership_key(m.group, m.login) | some m in identity.memberships}

granted_since_start := {identity.membership_key(identity.grant_group(e), identity.grant_user(e)) |
	some e in identity.grants
	time.not_after(review.started_at, e.published)
}

in_scope contains m if {
	some m in identity.memberships
	scope[m.group]
}

resources contains identity.membership_key(m.group, m.login) if some m in in_scope

resources contains identity.membership_key(d.group, d.user) if some d in review.decisions

deny contains sprintf("the campaign %q has no completion date: it was not completed", [object.get(review, "campaign", "(unnamed)")]) if {
	not completed
}

deny contains {"resource": k, "message": msg} if {
	some m in in_scope
	k := identity.membership_key(m.group, m.login)
	not reviewed[k]
	not granted_since_start[k]
	msg := sprintf("%s is a member of %s but was not reviewed in %q", [m.login, m.group, review.campaign])
}

warn contains {"resource": k, "message": msg} if {
	some m in in_scope
	k := identity.membership_key(m.group, m.login)
	not reviewed[k]
	granted_since_start[k]
	msg := sprintf("%s was added to %s after %q started: the next campaign reviews it", [m.login, m.group, review.campaign])
}

deny contains {"resource": identity.membership_key(d.group, d.user), "message": msg} if {
	some d in review.decisions
	lower(d.reviewer) == lower(d.user)
	msg := sprintf("%s reviewed their own membership of %s", [d.user, d.group])
}

deny contains {"resource": k, "message": msg} if {
	some d in review.decisions
	d.decision == "revoke"
	k := identity.membership_key(d.group, d.user)
	current[k]
	msg := sprintf("%s revoked %s's membership of %s on %s, but it is still in the identity provider", [d.reviewer, d.user, d.group, d.decided_at])
}

completed if time.not_after(review.started_at, review.completed_at)
