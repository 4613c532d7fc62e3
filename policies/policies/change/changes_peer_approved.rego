# METADATA
# title: Every merged change was approved by someone other than its author
# description: >-
#   Every merged pull request of the in-scope repositories has an approving review
#   by a person other than its author (and not a bot). The population is every
#   merged pull request in the export; branch protection makes this the rule, and
#   this control shows that it held for each change.
package soc1.change.changes_peer_approved

import data.soc1.lib.changes

resources contains changes.pr_id(pr) if some pr in changes.prs

deny contains {"resource": changes.pr_id(pr), "message": msg} if {
	some pr in changes.prs
	not peer_approved(pr)
	msg := sprintf("%s (%q) by %s was merged on %s without an approval by someone other than its author", [changes.pr_id(pr), pr.title, pr.author.login, pr.mergedAt])
}

peer_approved(pr) if {
	some review in pr.reviews
	review.state == "APPROVED"
	review.author.login != pr.author.login
	not changes.bot(review.author.login)
}
