package northwind.access.mfa_test

import data.northwind.access.mfa

test_user_without_factor_denied if {
	some d in mfa.deny with input as {"file": {"content": {"users": [{"login": "bob", "status": "ACTIVE", "factors": []}]}}}
	d.resource == "bob"
}

test_sms_alone_denied if {
	count(mfa.deny) == 1 with input as {"file": {"content": {"users": [{"login": "eve", "status": "ACTIVE", "factors": ["sms"]}]}}}
}

test_suspended_user_ignored if {
	count(mfa.resources) == 0 with input as {"file": {"content": {"users": [{"login": "old", "status": "SUSPENDED", "factors": []}]}}}
}
