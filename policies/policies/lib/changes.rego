# METADATA
# title: Change helpers
# description: >-
#   The merged pull requests of the changes export (input.changes: files of
#   gh pr list --state merged --json … output, one per repository) with a readable
#   id, and the production deployments of the deployment log (input.deployments).
package soc1.lib.changes

prs := [pr | some item in input.changes.items; pr := item.value; pr.mergedAt != null]

# pr_id(pr) is "owner/repo#number", from the pull request's URL.
pr_id(pr) := sprintf("%s#%v", [repo, pr.number]) if {
	parts := split(pr.url, "/")
	repo := concat("/", [parts[3], parts[4]])
} else := sprintf("#%v", [pr.number])

deployments := [d | some row in input.deployments.items; d := row.value; lower(d.environment) == "production"]

bot(login) if endswith(login, "[bot]")
