# METADATA
# title: GitHub helpers
# description: >-
#   The repositories of the github provider's document that are in scope (not
#   archived), and the rules that reach a repository's default branch through
#   rulesets that are enforced and that no one may bypass.
package soc1.lib.github

repositories contains repo if {
	some repo in input.github.repositories
	not repo.repository.archived
}

# The rules of active branch rulesets without bypass actors that target the
# default branch. A ruleset listed without its rules (the list endpoint, not
# each ruleset's detail) contributes none.
enforced_rules(repo) := {rule |
	some ruleset in object.get(repo, "rulesets", [])
	ruleset.enforcement == "active"
	ruleset.target == "branch"
	count(object.get(ruleset, "bypass_actors", [])) == 0
	targets_default_branch(ruleset, repo)
	some rule in object.get(ruleset, "rules", [])
}

targets_default_branch(ruleset, repo) if {
	some ref in ruleset.conditions.ref_name.include
	names_default_branch(ref, repo)
	not excludes_default_branch(ruleset, repo)
}

excludes_default_branch(ruleset, repo) if {
	some ref in object.get(ruleset.conditions.ref_name, "exclude", [])
	names_default_branch(ref, repo)
}

names_default_branch(ref, _) if ref in {"~DEFAULT_BRANCH", "~ALL"}

names_default_branch(ref, repo) if ref == sprintf("refs/heads/%s", [repo.default_branch])
