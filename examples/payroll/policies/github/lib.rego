# Helpers the GitHub policies share: which repositories are in scope, and
# which rules reach a default branch through rulesets.
package acme.github.lib

# Every repository that is not archived (an archived repository is read-only).
repositories contains repo if {
	some repo in input.github.repositories
	not repo.repository.archived
}

# The rules that apply to the repository's default branch through rulesets
# that are enforced ("active", not "evaluate") and that no one may bypass. A
# ruleset whose bypass actors the token could not read is not counted.
enforced_rules(repo) := {rule |
	some ruleset in repo.rulesets
	ruleset.enforcement == "active"
	ruleset.target == "branch"
	count(ruleset.bypass_actors) == 0
	targets_default_branch(ruleset, repo)
	some rule in ruleset.rules
}

targets_default_branch(ruleset, repo) if {
	some ref in ruleset.conditions.ref_name.include
	names_default_branch(ref, repo)
	not excludes_default_branch(ruleset, repo)
}

excludes_default_branch(ruleset, repo) if {
	some ref in ruleset.conditions.ref_name.exclude
	names_default_branch(ref, repo)
}

names_default_branch(ref, _) if ref in {"~DEFAULT_BRANCH", "~ALL"}

names_default_branch(ref, repo) if ref == sprintf("refs/heads/%s", [repo.default_branch])
