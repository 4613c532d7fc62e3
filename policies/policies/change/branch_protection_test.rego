package soc1.change.branch_protection_test

import data.soc1.change.branch_protection as control

repo(protection, rulesets) := {"github": {"repositories": {"app": {
	"repository": {"full_name": "example/app", "archived": false},
	"default_branch": "main",
	"branch_protection": protection,
	"rulesets": rulesets,
}}}}

protected := {
	"required_pull_request_reviews": {"required_approving_review_count": 1},
	"enforce_admins": {"enabled": true},
	"allow_force_pushes": {"enabled": false},
	"allow_deletions": {"enabled": false},
}

ruleset(bypass) := {
	"enforcement": "active", "target": "branch", "bypass_actors": bypass,
	"conditions": {"ref_name": {"include": ["~DEFAULT_BRANCH"], "exclude": []}},
	"rules": [{"type": "deletion"}, {"type": "non_fast_forward"}, {"type": "pull_request", "parameters": {"required_approving_review_count": 1}}],
}

test_protected_branch_passes if {
	count(control.deny) == 0 with input as repo(protected, [])
	control.resources == {"example/app"} with input as repo(protected, [])
}

test_ruleset_passes if {
	count(control.deny) == 0 with input as repo(null, [ruleset([])])
}

test_unprotected_branch_fails if {
	denied := control.deny with input as repo(null, [])
	denied == {{"resource": "example/app", "message": "example/app: the default branch \"main\" is protected by neither branch protection nor an enforced ruleset without bypass actors"}}
}

test_ruleset_with_bypass_fails if {
	count(control.deny) == 1 with input as repo(null, [ruleset([{"actor_type": "Team", "bypass_mode": "always"}])])
}

test_ruleset_without_review_fails if {
	no_review := object.union(ruleset([]), {"rules": [{"type": "deletion"}, {"type": "non_fast_forward"}]})
	count(control.deny) == 2 with input as repo(null, [no_review])
}

test_admins_exempt_and_force_push_fail if {
	weak := object.union(protected, {"enforce_admins": {"enabled": false}, "allow_force_pushes": {"enabled": true}})
	denied := control.deny with input as repo(weak, [])
	{d.message | some d in denied} == {
		"example/app: the default branch \"main\" exempts administrators (enforce_admins is off, or the ruleset has bypass actors)",
		"example/app: the default branch \"main\" allows force pushes",
	}
}
