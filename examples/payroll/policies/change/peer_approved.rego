# Every merged change was approved by someone other than its author.
package acme.change.peer_approved

merged contains pr if {
	some pr in input.file.content
	pr.merged_at != null
}

resources contains sprintf("PR #%d", [pr.number]) if some pr in merged

peer_approved(pr) if {
	some review in pr.reviews
	review.state == "APPROVED"
	review.user.login != pr.user.login
}

deny contains {"resource": sprintf("PR #%d", [pr.number]), "message": sprintf("PR #%d (%s) was merged without an approval by someone other than %s", [pr.number, pr.title, pr.user.login])} if {
	some pr in merged
	not peer_approved(pr)
}
