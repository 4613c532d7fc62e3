# Changes reach a repository's default branch only through an approved pull
# request, and administrators are held to it too: the branch's protection
# requires at least one approving review and does not exempt administrators,
# or an enforced ruleset that no one may bypass requires the review.
package acme.github.branch_protection

import data.acme.github.lib

resources contains repo.repository.full_name if some repo in lib.repositories

deny contains finding(repo, sprintf("the default branch %q is not protected", [repo.default_branch])) if {
	some repo in lib.repositories
	repo.branch_protection == null
	not ruleset_requires_review(repo)
}

deny contains finding(repo, sprintf("the default branch %q requires %d approving reviews; at least 1 is required", [repo.default_branch, approvals(repo)])) if {
	some repo in lib.repositories
	repo.branch_protection != null
	approvals(repo) < 1
	not ruleset_requires_review(repo)
}

deny contains finding(repo, sprintf("administrators are exempt from the protection of the default branch %q (enforce_admins is off)", [repo.default_branch])) if {
	some repo in lib.repositories
	repo.branch_protection != null
	not repo.branch_protection.enforce_admins.enabled
	not ruleset_requires_review(repo)
}

finding(repo, message) := {"resource": repo.repository.full_name, "message": message}

approvals(repo) := n if {
	n := repo.branch_protection.required_pull_request_reviews.required_approving_review_count
} else := 0

ruleset_requires_review(repo) if {
	some rule in lib.enforced_rules(repo)
	rule.type == "pull_request"
	rule.parameters.required_approving_review_count >= 1
}
