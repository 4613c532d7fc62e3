# METADATA
# title: Every merged change passed its automated tests
# description: >-
#   Every merged pull request of the in-scope repositories ran status checks, and
#   every check concluded successfully (SUCCESS, or NEUTRAL/SKIPPED for checks that
#   did not apply) before merge. The population is every merged pull request.
package soc1.change.changes_tested

import data.soc1.lib.changes

passing := {"SUCCESS", "NEUTRAL", "SKIPPED"}

resources contains changes.pr_id(pr) if some pr in changes.prs

deny contains {"resource": changes.pr_id(pr), "message": sprintf("%s was merged without any status check", [changes.pr_id(pr)])} if {
	some pr in changes.prs
	count(object.get(pr, "statusCheckRollup", [])) == 0
}

deny contains {"resource": changes.pr_id(pr), "message": sprintf("%s was merged with check %q %s", [changes.pr_id(pr), name(c), lower(outcome(c))])} if {
	some pr in changes.prs
	some c in object.get(pr, "statusCheckRollup", [])
	not passing[outcome(c)]
}

# A check run has a conclusion; a commit status has a state.
outcome(c) := c.conclusion if c.conclusion

else := c.state if c.state

else := "without a result"

name(c) := c.name if c.name

else := c.context
