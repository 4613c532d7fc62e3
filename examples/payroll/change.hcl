control "changes_peer_approved" {
  ref         = "2.1"
  objective   = objective.change_management
  title       = "Every merged infrastructure change was approved by someone other than its author"
  description = "Pull requests to the infrastructure repository merge only after an approving review by a person other than the author."
  policy      = "acme.change.peer_approved"
  providers   = [file.changes]
  frequency   = "continuous"
  key         = true
  severity    = "high"
  owner       = local.platform_owner
}

control "branch_protection" {
  ref         = "2.2"
  objective   = objective.change_management
  title       = "Default branches accept changes only through an approved pull request, administrators included"
  description = "Every repository's default branch requires at least one approving review and does not exempt administrators."
  policy      = "acme.github.branch_protection"
  providers   = [github]
  frequency   = "continuous"
  key         = true
  severity    = "high"
  owner       = local.platform_owner
}
