control "terminated_access_removed" {
  ref         = "1.1"
  objective   = objective.logical_access
  title       = "Terminated employees hold no active identity provider account"
  description = "Daily, the HR roster is compared with the identity provider: every employee HR marks terminated must have no active account."
  remediation = "Deactivate the account in the identity provider and record the leaver ticket."
  policy      = "acme.access.terminated_access"
  providers   = { hr = file.hr, idp = file.idp }
  frequency   = "daily"
  key         = true
  severity    = "high"
  owner       = local.people_owner
}

control "idp_mfa" {
  ref         = "1.2"
  objective   = objective.logical_access
  title       = "Every active identity provider account has MFA enrolled"
  description = "Sign-in to payroll systems goes through the identity provider, which requires a second factor for every active account."
  remediation = "Enroll a second factor, or suspend the account."
  policy      = "acme.access.mfa"
  providers   = [file.idp]
  frequency   = "continuous"
  key         = true
  severity    = "high"
  owner       = local.platform_owner
}

control "iam_least_privilege" {
  ref         = "1.3"
  objective   = objective.logical_access
  title       = "No IAM policy grants every action"
  description = "IAM policies defined in Terraform grant named actions only; none allows \"*\" actions."
  remediation = "Replace the wildcard with the actions the role needs."
  policy      = "acme.aws.iam_no_wildcard_actions"
  providers   = [terraform]
  frequency   = "continuous"
  severity    = "medium"
  owner       = local.platform_owner
}

control "k8s_no_privileged_containers" {
  ref         = "1.4"
  objective   = objective.logical_access
  title       = "No payroll workload runs a privileged container or as root"
  description = "Every pod template of the payroll cluster runs as a non-root user, and no container is privileged."
  remediation = "Set securityContext.runAsNonRoot and remove privileged: true."
  policy      = "acme.k8s.no_privileged"
  providers   = [kubernetes]
  frequency   = "continuous"
  severity    = "high"
  owner       = local.platform_owner
}

control "k8s_cluster_admin_restricted" {
  ref       = "1.5"
  objective = objective.logical_access
  title     = "cluster-admin is bound only to the approved platform group"
  policy    = "acme.k8s.cluster_admin"
  providers = [kubernetes]
  frequency = "continuous"
  key       = true
  severity  = "critical"
  owner     = local.platform_owner
}
