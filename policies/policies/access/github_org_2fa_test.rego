package soc1.access.github_org_2fa_test

import data.soc1.access.github_org_2fa as control

test_2fa_required_passes if {
	inp := {"github": {"organization": {"login": "example", "two_factor_requirement_enabled": true}}}
	count(control.deny) == 0 with input as inp
	control.resources == {"example"} with input as inp
}

test_2fa_not_required_fails if {
	count(control.deny) == 1 with input as {"github": {"organization": {"login": "example", "two_factor_requirement_enabled": false}}}
}

test_2fa_hidden_from_token_fails if {
	count(control.deny) == 1 with input as {"github": {"organization": {"login": "example"}}}
}
