package soc1.access.postgres_superusers_test

import data.soc1.access.postgres_superusers as control

approved := {"content": {"postgres_superusers": ["postgres"]}}

pg(roles) := {"roles": {r.name: r | some r in roles}}

test_only_approved_superuser_passes if {
	inp := {"postgres": pg([{"name": "postgres", "login": true, "superuser": true}, {"name": "app", "login": true, "superuser": false}]), "approved_access": approved}
	count(control.deny) == 0 with input as inp
	control.resources == {"postgres", "app"} with input as inp
}

test_superuser_application_role_fails if {
	count(control.deny) == 1 with input as {"postgres": pg([{"name": "app", "login": true, "superuser": true}]), "approved_access": approved}
}

test_superuser_without_login_is_out_of_scope if {
	count(control.resources) == 0 with input as {"postgres": pg([{"name": "owner", "login": false, "superuser": true}]), "approved_access": approved}
}
