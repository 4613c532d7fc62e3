# Change management (CO-7) and segregation of duties in change (CO-8).
# Rego policies: policies/change/.

control "branch_protection" {
  ref         = "7.1"
  objective   = objective.change_management
  title       = "Default branches accept changes only through approved pull requests"
  mappings    = { soc2 = ["CC8.1"], iso27001 = ["A.8.4", "A.8.32"] }
  description = "The default branch of every in-scope repository requires an approving review before merge, applies that rule to administrators, and refuses force pushes and deletion (branch protection or an enforced ruleset without bypass)."
  remediation = "Configure the branch protection (or ruleset) of the default branch as described."
  policy      = "soc1.change.branch_protection"
  providers   = [github]
  frequency   = "continuous"
  key         = true
  severity    = "high"
  owner       = local.engineering_lead
}

control "changes_tested" {
  ref         = "7.2"
  objective   = objective.change_management
  title       = "Every merged change passed its automated tests"
  mappings    = { soc2 = ["CC8.1"], iso27001 = ["A.8.29", "A.8.32"] }
  description = "Every pull request merged to an in-scope repository ran its required status checks (build, tests, Terraform plan, this repository's evaluation) and every check succeeded before merge."
  remediation = "Investigate why the change merged with a failing check, and fix or revert it."
  policy      = "soc1.change.changes_tested"
  providers   = { changes = file.changes }
  frequency   = "daily"
  key         = true
  severity    = "high"
  owner       = local.engineering_lead
}

control "deployments_traceable" {
  ref         = "7.3"
  objective   = objective.change_management
  title       = "Every production deployment is of an approved, merged change"
  mappings    = { soc2 = ["CC8.1"], iso27001 = ["A.8.32"] }
  description = "Deployments to production are made by the pipeline from the merge commit of a merged pull request. Daily, every production deployment is matched to the merged pull requests by commit."
  remediation = "Identify what was deployed and how, and raise an emergency change record for it."
  policy      = "soc1.change.deployments_traceable"
  providers   = { deployments = file.deployments, changes = file.changes }
  frequency   = "daily"
  key         = true
  severity    = "high"
  owner       = local.engineering_lead
}

control "k8s_images_pinned" {
  ref         = "7.4"
  objective   = objective.change_management
  title       = "Production workloads run pinned image versions"
  mappings    = { soc2 = ["CC8.1"], iso27001 = ["A.8.9", "A.8.19"] }
  description = "Every container in the production cluster runs an image named by digest or by a version tag, never latest or untagged, so that what runs is the release that was approved."
  remediation = "Pin the image to the released version or digest."
  policy      = "soc1.change.k8s_images_pinned"
  providers   = [kubernetes]
  frequency   = "continuous"
  severity    = "medium"
  owner       = local.platform_owner
}

control "changes_peer_approved" {
  ref         = "8.1"
  objective   = objective.change_segregation
  title       = "No one approves their own change"
  mappings    = { soc2 = ["CC8.1"], iso27001 = ["A.5.3", "A.8.32"] }
  description = "Every merged pull request has an approving review by a person other than its author. Daily, the merged pull requests of every in-scope repository are examined."
  remediation = "Have the change reviewed retrospectively by another engineer and record the review; find out how the branch protection was bypassed."
  policy      = "soc1.change.changes_peer_approved"
  providers   = { changes = file.changes }
  frequency   = "daily"
  key         = true
  severity    = "high"
  owner       = local.engineering_lead
}

control "deployer_not_author" {
  ref         = "8.2"
  objective   = objective.change_segregation
  title       = "No one releases their own change to production"
  mappings    = { soc2 = ["CC8.1"], iso27001 = ["A.5.3"] }
  description = "A production release is approved (in the deployment environment's protection rules) by a person other than the author of the change it deploys."
  remediation = "Have the release reviewed retrospectively by another engineer, and fix the environment's required reviewers."
  policy      = "soc1.change.deployer_not_author"
  providers   = { deployments = file.deployments, changes = file.changes }
  frequency   = "daily"
  key         = true
  severity    = "high"
  owner       = local.engineering_lead
}
