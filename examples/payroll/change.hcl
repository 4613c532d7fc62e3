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
