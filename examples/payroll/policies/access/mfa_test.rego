package acme.access.mfa_test

import data.acme.access.mfa

test_active_without_mfa_fails if {
	count(mfa.deny) == 1 with input as {"file": {"content": {"users": [{"login": "a", "status": "ACTIVE", "mfa_enrolled": false}]}}}
}

test_suspended_without_mfa_is_not_examined if {
	count(mfa.resources) == 0 with input as {"file": {"content": {"users": [{"login": "a", "status": "SUSPENDED", "mfa_enrolled": false}]}}}
}
