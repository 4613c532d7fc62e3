# METADATA
# title: Every production deployment is of a merged pull request
# description: >-
#   Every deployment to production in the deployment log deployed a commit that is
#   the merge commit of a merged pull request in the changes export: nothing reaches
#   production that did not go through change management. The population is every
#   production deployment.
package soc1.change.deployments_traceable

import data.soc1.lib.changes

merge_commits := {pr.mergeCommit.oid | some pr in changes.prs}

resources contains d.deployment_id if some d in changes.deployments

deny contains {"resource": d.deployment_id, "message": msg} if {
	some d in changes.deployments
	not merge_commits[d.commit]
	msg := sprintf("deployment %s of %s on %s deployed commit %s, which is not the merge commit of any merged pull request", [d.deployment_id, d.service, d.deployed_at, d.commit])
}
