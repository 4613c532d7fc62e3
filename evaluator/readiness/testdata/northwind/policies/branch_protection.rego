package northwind.changes.branch_protection

resources contains r.name if some r in input.file.content.repositories

deny contains {"resource": r.name, "message": sprintf("%s: the default branch accepts direct pushes", [r.name])} if {
	some r in input.file.content.repositories
	not r.protection.required_pull_request_reviews
}

deny contains {"resource": r.name, "message": sprintf("%s: pull requests need no approval", [r.name])} if {
	some r in input.file.content.repositories
	r.protection.required_pull_request_reviews.required_approving_review_count < 1
}
