package soc1.access.idp_mfa_test

import data.soc1.access.idp_mfa

idp(users) := {"items": [{"value": {"users": users}}]}

user(login, status, factors, type) := {"status": status, "profile": {"login": login, "userType": type}, "factors": factors, "groups": []}

webauthn := [{"factorType": "webauthn", "status": "ACTIVE"}]

test_enrolled_users_pass if {
	inp := {"idp": idp([user("a@x", "ACTIVE", webauthn, "employee"), user("svc@x", "ACTIVE", [], "service")])}
	count(idp_mfa.deny) == 0 with input as inp
	idp_mfa.resources == {"a@x"} with input as inp
}

test_user_without_factor_fails if {
	count(idp_mfa.deny) == 1 with input as {"idp": idp([user("a@x", "ACTIVE", [], "employee")])}
}

test_pending_factor_fails if {
	count(idp_mfa.deny) == 1 with input as {"idp": idp([user("a@x", "ACTIVE", [{"factorType": "push", "status": "PENDING_ACTIVATION"}], "employee")])}
}

test_deprovisioned_user_is_out_of_scope if {
	count(idp_mfa.resources) == 0 with input as {"idp": idp([user("a@x", "DEPROVISIONED", [], "employee")])}
}
