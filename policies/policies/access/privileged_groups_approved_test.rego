package soc1.access.privileged_groups_approved_test

import data.soc1.access.privileged_groups_approved as control

idp(groups) := {"items": [{"value": {"users": [{"status": "ACTIVE", "profile": {"login": "Ann@x"}, "groups": groups}]}}]}

approved := {"content": {"idp_groups": {"payroll-admins": ["ann@x"]}}}

test_approved_member_passes if {
	inp := {"idp": idp(["payroll-admins", "engineering"]), "approved_access": approved}
	count(control.deny) == 0 with input as inp
	control.resources == {"payroll-admins:ann@x"} with input as inp
}

test_unapproved_member_fails if {
	count(control.deny) == 1 with input as {"idp": idp(["payroll-admins"]), "approved_access": {"content": {"idp_groups": {"payroll-admins": ["bob@x"]}}}}
}

test_unlisted_admin_group_fails if {
	denied := control.deny with input as {"idp": idp(["db-admins"]), "approved_access": approved}
	denied == {{"resource": "db-admins:ann@x", "message": "ann@x is a member of the privileged group db-admins but is not on its approved list"}}
}
