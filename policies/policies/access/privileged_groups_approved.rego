# METADATA
# title: Members of privileged identity provider groups are approved
# description: >-
#   Every enabled account in a privileged identity provider group is on
#   management's approved list for that group (approvals/privileged-access.yaml,
#   idp_groups). A group is privileged when the approved list names it, or when its
#   name contains a marker of soc1.params.privileged_group_markers ("admin"), so
#   that a new administrative group cannot escape the control by not being listed.
package soc1.access.privileged_groups_approved

import data.soc1.lib.identity
import data.soc1.params

approved_groups := object.get(input.approved_access.content, "idp_groups", {})

approved_members := {g: {lower(login) | some login in logins} | some g, logins in approved_groups}

privileged(g) if approved_groups[g]

privileged(g) if {
	some marker in params.privileged_group_markers
	contains(lower(g), marker)
}

privileged_memberships contains m if {
	some m in identity.memberships
	privileged(m.group)
}

resources contains identity.membership_key(m.group, m.login) if some m in privileged_memberships

deny contains {"resource": identity.membership_key(m.group, m.login), "message": msg} if {
	some m in privileged_memberships
	not approved(m)
	msg := sprintf("%s is a member of the privileged group %s but is not on its approved list", [m.login, m.group])
}

approved(m) if approved_members[m.group][m.login]
