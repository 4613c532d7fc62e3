# METADATA
# title: Default branches accept changes only through an approved pull request
# description: >-
#   The default branch of every repository in scope (not archived) requires at
#   least one approving review, holds administrators to it, and refuses force
#   pushes and deletion — through its branch protection, or through an enforced
#   ruleset that no one may bypass (a pull_request rule with an approving review,
#   and non_fast_forward and deletion rules).
package soc1.change.branch_protection

import data.soc1.lib.github

resources contains repo.repository.full_name if some repo in github.repositories

deny contains {"resource": repo.repository.full_name, "message": sprintf("%s: the default branch %q %s", [repo.repository.full_name, repo.default_branch, problem])} if {
	some repo in github.repositories
	some problem in problems(repo)
}

# An unprotected branch is one finding, not one per missing rule.
problems(repo) := {"is protected by neither branch protection nor an enforced ruleset without bypass actors"} if {
	not protection(repo)
	count(rules(repo)) == 0
} else := {p |
	some check, p in {
		"review": "does not require an approving review",
		"admins": "exempts administrators (enforce_admins is off, or the ruleset has bypass actors)",
		"force_push": "allows force pushes",
		"deletion": "can be deleted",
	}
	not satisfied(repo, check)
}

rules(repo) := github.enforced_rules(repo)

protection(repo) := repo.branch_protection if repo.branch_protection != null

satisfied(repo, "review") if protection(repo).required_pull_request_reviews.required_approving_review_count >= 1

satisfied(repo, "review") if ruleset_requires_review(repo)

ruleset_requires_review(repo) if {
	some rule in rules(repo)
	rule.type == "pull_request"
	rule.parameters.required_approving_review_count >= 1
}

# Rulesets with bypass actors are not counted at all, so a review required by a
# ruleset always holds administrators to it.
satisfied(repo, "admins") if protection(repo).enforce_admins.enabled == true

satisfied(repo, "admins") if ruleset_requires_review(repo)

satisfied(repo, "force_push") if protection(repo).allow_force_pushes.enabled == false

satisfied(repo, "force_push") if {
	some rule in rules(repo)
	rule.type == "non_fast_forward"
}

satisfied(repo, "deletion") if protection(repo).allow_deletions.enabled == false

satisfied(repo, "deletion") if {
	some rule in rules(repo)
	rule.type == "deletion"
}
