# No one can rewrite the history of a repository's default branch: its
# protection does not allow force pushes, or an enforced ruleset that no one
# may bypass blocks them.
package socle.github.force_pushes

import data.socle.github.lib

resources contains repo.repository.full_name if some repo in lib.repositories

deny contains finding(repo, sprintf("force pushes to the default branch %q are allowed (allow_force_pushes is on)", [repo.default_branch])) if {
	some repo in lib.repositories
	repo.branch_protection.allow_force_pushes.enabled
	not ruleset_blocks_force_pushes(repo)
}

deny contains finding(repo, sprintf("the default branch %q is not protected: anyone who can push can force push", [repo.default_branch])) if {
	some repo in lib.repositories
	repo.branch_protection == null
	not ruleset_blocks_force_pushes(repo)
}

finding(repo, message) := {"resource": repo.repository.full_name, "message": message}

ruleset_blocks_force_pushes(repo) if {
	some rule in lib.enforced_rules(repo)
	rule.type == "non_fast_forward"
}
