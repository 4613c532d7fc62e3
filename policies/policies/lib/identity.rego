# METADATA
# title: Identity provider helpers
# description: >-
#   The users of the identity provider export (input.idp: a JSON object with a
#   "users" list, as the catalog's sample shows), which of them can sign in, and
#   their group memberships.
package soc1.lib.identity

import data.soc1.params

# Lists, not sets: a set of accounts would hash every account to build it.
users := [u | some item in input.idp.items; some u in item.value.users]

# Statuses in which an account cannot be used to sign in.
disabled_statuses := {"DEPROVISIONED", "SUSPENDED", "STAGED"}

# Accounts that can sign in.
enabled := [u | some u in users; not u.status in disabled_statuses]

login(u) := lower(u.profile.login)

service_account(u) if u.profile.userType == params.service_account_type

# Memberships of enabled accounts: {"group": …, "login": …}.
memberships contains {"group": g, "login": login(u)} if {
	some u in enabled
	some g in u.groups
}

# Group membership grants of the identity provider's system log (input.idp_grants:
# eventType group.user_membership.add, outcome SUCCESS).
grants := [e |
	some item in input.idp_grants.items
	e := item.value
	e.eventType == "group.user_membership.add"
	e.outcome.result == "SUCCESS"
]

grant_user(e) := t.alternateId if {
	some t in e.target
	t.type == "User"
} else := "(no user named)"

grant_group(e) := t.displayName if {
	some t in e.target
	t.type == "UserGroup"
} else := "(no group named)"

# membership_key names one user's membership of one group: "group:login".
membership_key(group, login) := sprintf("%s:%s", [group, lower(login)])
