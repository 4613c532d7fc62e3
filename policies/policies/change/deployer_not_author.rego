# METADATA
# title: No one releases their own change to production
# description: >-
#   For every production deployment, the people who approved or triggered the
#   release (approved_by, and deployed_by unless it is the pipeline's bot) do not
#   include the author of the pull request deployed, and at least one person
#   approved or triggered it. Deployments of commits that no merged pull request
#   explains are the subject of the traceability control.
package soc1.change.deployer_not_author

import data.soc1.lib.changes

# Pull request authors by merge commit, built once.
authors_by_commit := {commit: authors |
	some pr in changes.prs
	commit := pr.mergeCommit.oid
	authors := [p.author.login | some p in changes.prs; p.mergeCommit.oid = commit]
}

releasers(d) := {lower(p) |
	some p in [d.approved_by, d.deployed_by]
	trim_space(p) != ""
	not changes.bot(p)
}

resources contains d.deployment_id if {
	some d in changes.deployments
	authors_by_commit[d.commit]
}

deny contains {"resource": d.deployment_id, "message": msg} if {
	some d in changes.deployments
	some author in authors_by_commit[d.commit]
	lower(author) in releasers(d)
	msg := sprintf("deployment %s released %s's own change (pull request %v) to production", [d.deployment_id, author, d.pull_request])
}

deny contains {"resource": d.deployment_id, "message": sprintf("deployment %s to production was neither approved nor triggered by a person", [d.deployment_id])} if {
	some d in changes.deployments
	authors_by_commit[d.commit]
	count(releasers(d)) == 0
}
