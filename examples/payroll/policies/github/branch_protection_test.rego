package acme.github.branch_protection_test

import data.acme.github.branch_protection

repo(protection) := {"github": {"repositories": {"app": {
	"repository": {"full_name": "acme/app", "archived": false},
	"default_branch": "main",
	"branch_protection": protection,
	"rulesets": [],
}}}}

protected := {"required_pull_request_reviews": {"required_approving_review_count": 1}, "enforce_admins": {"enabled": true}}

test_protected_branch_passes if {
	count(branch_protection.deny) == 0 with input as repo(protected)
}

test_unprotected_branch_fails if {
	count(branch_protection.deny) == 1 with input as repo(null)
}

test_admins_exempt_fails if {
	count(branch_protection.deny) == 1 with input as repo(object.union(protected, {"enforce_admins": {"enabled": false}}))
}
