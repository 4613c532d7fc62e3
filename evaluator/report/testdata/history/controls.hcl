locals {
  security = "security@northwind.example"
  platform = "platform@northwind.example"
}

control "mfa" {
  ref         = "1.1"
  objective   = objective.access
  title       = "Every active user signs in with a second factor"
  mappings    = { soc2 = ["CC6.1"], iso27001 = ["A.8.5"] }
  description = "The identity providers require a second factor of every active workforce account; a service account that cannot have one is waived individually with the CISO's approval."
  policy      = "northwind.access.mfa"
  providers   = [file.idp, file.idp_eu]
  frequency   = "daily"
  key         = true
  severity    = "high"
  owner       = local.security
}

control "terminated_access" {
  ref         = "1.2"
  objective   = objective.access
  title       = "Terminated employees hold no active account"
  mappings    = { soc2 = ["CC6.2"], iso27001 = ["A.5.18"] }
  description = "Each day, the account of every employee whose HR record shows a termination is disabled in the identity provider."
  policy      = "northwind.access.terminated"
  providers   = { hr = file.hr, idp = file.idp }
  frequency   = "daily"
  key         = true
  severity    = "high"
  owner       = local.security
}

control "access_review" {
  ref         = "1.3"
  objective   = objective.access
  title       = "Quarterly review of privileged access"
  mappings    = { soc2 = ["CC6.3"], iso27001 = ["A.5.18", "A.8.2"] }
  description = "Each quarter, the CISO reviews every privileged account and signs the review off."
  automated   = false
  frequency   = "quarterly"
  owner       = local.security
}

control "branch_protection" {
  ref         = "2.1"
  objective   = objective.changes
  title       = "Production repositories require a reviewed pull request"
  mappings    = { soc2 = ["CC8.1"] }
  description = "The default branch of every production repository accepts changes only through a pull request approved by someone other than its author."
  policy      = "northwind.changes.branch_protection"
  providers   = [file.repos]
  frequency   = "weekly"
  severity    = "medium"
  owner       = local.platform

  test_procedure = "Inspected the branch protection settings of every production repository, as exported from GitHub, for each of the {occurrences} of {period} ({records}); {reperformance}."
}

control "backups" {
  ref         = "3.1"
  objective   = objective.operations
  title       = "Database backups succeed"
  mappings    = { soc2 = ["A1.2"], iso27001 = ["A.8.13"] }
  description = "The backup job runs each night; a failed backup is investigated and retaken, and the weekly summary is reviewed."
  policy      = "northwind.operations.backups"
  providers   = [file.backups]
  frequency   = "weekly"
  key         = true
  severity    = "high"
  owner       = local.platform
}

control "resource_limits" {
  ref          = "3.2"
  objective    = objective.operations
  title        = "Workloads declare resource limits"
  mappings     = { soc2 = ["A1.1"], iso27001 = ["A.8.6"] }
  description  = "Every Kubernetes deployment declares CPU and memory limits, so that no workload can starve the payroll batch."
  policy       = "main"
  policy_style = "conftest"
  providers    = [file.manifests]
  frequency    = "daily"
  severity     = "low"
  owner        = local.platform
}
