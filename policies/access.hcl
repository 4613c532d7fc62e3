# Logical access (CO-4), access provisioning and de-provisioning (CO-5) and
# privileged access (CO-6). Rego policies: policies/access/.

# --- CO-4 Logical access ----------------------------------------------------------

control "idp_mfa" {
  ref         = "4.1"
  objective   = objective.logical_access
  title       = "Every person signs in to the identity provider with MFA"
  mappings    = { soc2 = ["CC6.1"], iso27001 = ["A.8.5"] }
  description = "Access to the payroll and payments systems is through the identity provider, whose sign-on policy requires a second factor. Continuously, every enabled account other than service accounts is examined for an active factor."
  remediation = "Enroll a factor for the account, or suspend it until one is enrolled."
  policy      = "soc1.access.idp_mfa"
  providers   = { idp = file.idp }
  frequency   = "continuous"
  key         = true
  severity    = "high"
  owner       = local.security_owner
}

control "aws_console_mfa" {
  ref         = "4.2"
  objective   = objective.logical_access
  title       = "Every AWS console user has MFA"
  mappings    = { soc2 = ["CC6.1"], iso27001 = ["A.8.5"] }
  description = "Every IAM user of the production AWS account who can sign in to the console has an MFA device; the IAM credential report is examined continuously."
  remediation = "Assign an MFA device to the user, or remove the console password."
  policy      = "soc1.access.aws_console_mfa"
  providers   = [aws]
  frequency   = "continuous"
  key         = true
  severity    = "high"
  owner       = local.platform_owner
}

control "aws_password_policy" {
  ref         = "4.3"
  objective   = objective.logical_access
  title       = "The AWS account enforces strong passwords"
  mappings    = { soc2 = ["CC6.1"], iso27001 = ["A.5.17"] }
  description = "The production AWS account's IAM password policy requires at least 14 characters of four kinds and prevents the reuse of the last 24 passwords."
  remediation = "aws iam update-account-password-policy with the required settings (or the Terraform aws_iam_account_password_policy)."
  policy      = "soc1.access.aws_password_policy"
  providers   = [aws]
  frequency   = "continuous"
  severity    = "medium"
  owner       = local.platform_owner
}

control "aws_root_account" {
  ref         = "4.4"
  objective   = objective.logical_access
  title       = "The AWS root user is protected by MFA and has no access keys"
  mappings    = { soc2 = ["CC6.1"], iso27001 = ["A.8.2", "A.8.5"] }
  description = "The root user of the production AWS account has an MFA device and no access keys; its credentials are sealed for break-glass use."
  remediation = "Delete the root user's access keys and enable MFA for it."
  policy      = "soc1.access.aws_root_account"
  providers   = [aws]
  frequency   = "continuous"
  key         = true
  severity    = "critical"
  owner       = local.security_owner
}

control "github_org_2fa" {
  ref         = "4.5"
  objective   = objective.logical_access
  title       = "The GitHub organization requires two-factor authentication"
  mappings    = { soc2 = ["CC6.1"], iso27001 = ["A.8.4", "A.8.5"] }
  description = "The GitHub organization that holds the source code of the in-scope applications and infrastructure requires two-factor authentication of every member and collaborator."
  remediation = "Enable 'Require two-factor authentication' in the organization's security settings."
  policy      = "soc1.access.github_org_2fa"
  providers   = [github]
  frequency   = "continuous"
  severity    = "high"
  owner       = local.engineering_lead
}

control "postgres_password_encryption" {
  ref         = "4.6"
  objective   = objective.logical_access
  title       = "The ledger database stores passwords as SCRAM-SHA-256 verifiers"
  mappings    = { soc2 = ["CC6.1"], iso27001 = ["A.5.17"] }
  description = "The ledger database's password_encryption setting is scram-sha-256."
  remediation = "Set password_encryption = 'scram-sha-256' (the RDS parameter group), then reset the passwords of roles that still have MD5 hashes."
  policy      = "soc1.access.postgres_password_encryption"
  providers   = [postgres.ledger]
  frequency   = "continuous"
  severity    = "medium"
  owner       = local.platform_owner
}

control "network_admin_ports" {
  ref         = "4.7"
  objective   = objective.logical_access
  title       = "No administrative port is reachable from the internet"
  mappings    = { soc2 = ["CC6.6"], iso27001 = ["A.8.20"] }
  description = "Security groups defined in Terraform never allow ingress from 0.0.0.0/0 or ::/0 to SSH, RDP, WinRM or database ports; administration is through the corporate VPN. Evaluated on every pull request to the infrastructure repository and on the applied state."
  remediation = "Restrict the rule to the VPN's address range, or remove it."
  policy      = "soc1.access.network_admin_ports"
  providers   = [terraform]
  frequency   = "continuous"
  key         = true
  severity    = "critical"
  owner       = local.platform_owner
}

# --- CO-5 Access provisioning and de-provisioning --------------------------------

control "terminated_access_removed" {
  ref         = "5.1"
  objective   = objective.access_provisioning
  title       = "Leavers' accounts are disabled within one day of termination"
  mappings    = { soc2 = ["CC6.2"], iso27001 = ["A.5.18"] }
  description = "When HR records a termination, the identity provider account of the leaver is disabled no later than the day after the termination date, which removes their access to every system behind single sign-on. Daily, every leaver on the HR roster is matched to their identity provider accounts (by employee number and login) and the days between termination and disablement are compared with the SLA."
  remediation = "Disable the account now, review its activity since the termination date, and record the leaver ticket."
  policy      = "soc1.access.terminated_access_removed"
  providers   = { hr = file.hr, idp = file.idp }
  frequency   = "daily"
  key         = true
  severity    = "critical"
  owner       = local.people_owner
}

control "no_shared_accounts" {
  ref         = "5.2"
  objective   = objective.access_provisioning
  title       = "Every account belongs to one identified person or has an owner"
  mappings    = { soc2 = ["CC6.2"], iso27001 = ["A.5.16"] }
  description = "Accounts are issued to individuals only: every enabled identity provider account carries the employee number of a person on the HR roster, and every service account names an owner who is current personnel. Shared and generic accounts are not permitted."
  remediation = "Disable the shared account and issue individual accounts, or record the service account's owner."
  policy      = "soc1.access.no_shared_accounts"
  providers   = { hr = file.hr, idp = file.idp }
  frequency   = "daily"
  key         = true
  severity    = "high"
  owner       = local.security_owner
}

control "access_grants_approved" {
  ref         = "5.3"
  objective   = objective.access_provisioning
  title       = "Group memberships are granted only on an approved request"
  mappings    = { soc2 = ["CC6.2", "CC6.3"], iso27001 = ["A.5.18"] }
  description = "Access is granted by adding the user to identity provider groups, only after an access request for that user and group is approved by someone other than the user; administrators do not grant themselves access. Daily, every grant in the identity provider's system log is matched to the approved requests."
  remediation = "Obtain the approval retrospectively or remove the membership; investigate a self-grant."
  policy      = "soc1.access.access_grants_approved"
  providers   = { idp_grants = file.idp_grants, access_requests = file.access_requests }
  frequency   = "daily"
  key         = true
  severity    = "high"
  owner       = local.security_owner
}

# --- CO-6 Privileged access -----------------------------------------------------------

control "privileged_groups_approved" {
  ref         = "6.1"
  objective   = objective.privileged_access
  title       = "Only approved people are members of privileged groups"
  mappings    = { soc2 = ["CC6.3"], iso27001 = ["A.8.2"] }
  description = "Membership of privileged identity provider groups (those on the approved list, and any group whose name marks it administrative) is limited to the people management approved for it (approvals/privileged-access.yaml)."
  remediation = "Remove the membership, or have the security owner approve it in approvals/privileged-access.yaml."
  policy      = "soc1.access.privileged_groups_approved"
  providers   = { idp = file.idp, approved_access = file.approved_access }
  frequency   = "continuous"
  key         = true
  severity    = "high"
  owner       = local.security_owner
}

control "privileged_access_review" {
  ref         = "6.2"
  objective   = objective.privileged_access
  title       = "Privileged access is reviewed quarterly and revocations are carried out"
  mappings    = { soc2 = ["CC6.3"], iso27001 = ["A.5.18", "A.8.2"] }
  description = "Each quarter the owners of privileged groups review every member in a review campaign; no one reviews their own access; memberships the reviewers revoke are removed. The campaign's export is compared with the identity provider: every member of an in-scope group was reviewed (unless added after the campaign started), and every revoked membership is gone."
  remediation = "Complete the campaign, review the missing members, and remove the revoked memberships."
  policy      = "soc1.access.privileged_access_review"
  providers   = { idp = file.idp, access_review = file.access_review, idp_grants = file.idp_grants }
  frequency   = "quarterly"
  key         = true
  severity    = "high"
  owner       = local.security_owner
}

control "aws_admins_approved" {
  ref         = "6.3"
  objective   = objective.privileged_access
  title       = "Only approved IAM users have administrator access to AWS"
  mappings    = { soc2 = ["CC6.3"], iso27001 = ["A.8.2"] }
  description = "IAM users with administrator access to the production account (AdministratorAccess, or any policy allowing every action on every resource, directly or through a group) are limited to those management approved."
  remediation = "Remove the user from the administrators group or detach the policy, or approve the user in approvals/privileged-access.yaml."
  policy      = "soc1.access.aws_admins_approved"
  providers   = { aws = aws, approved_access = file.approved_access }
  frequency   = "continuous"
  key         = true
  severity    = "critical"
  owner       = local.platform_owner
}

control "k8s_cluster_admin" {
  ref         = "6.4"
  objective   = objective.privileged_access
  title       = "cluster-admin is granted only to approved groups"
  mappings    = { soc2 = ["CC6.3"], iso27001 = ["A.8.2"] }
  description = "In the production cluster, the cluster-admin role is bound only to the groups management approved, never to individual users or service accounts."
  remediation = "Remove the binding; grant a narrower role, or bind an approved group."
  policy      = "soc1.access.k8s_cluster_admin"
  providers   = { kubernetes = kubernetes, approved_access = file.approved_access }
  frequency   = "continuous"
  key         = true
  severity    = "critical"
  owner       = local.platform_owner
}

control "postgres_superusers" {
  ref         = "6.5"
  objective   = objective.privileged_access
  title       = "No application role is a database superuser"
  mappings    = { soc2 = ["CC6.3"], iso27001 = ["A.8.2"] }
  description = "On the ledger database, only the approved administrative role is a superuser; application, reporting and migration roles are granted the privileges they need through group roles."
  remediation = "ALTER ROLE … NOSUPERUSER, and grant the role the group roles it needs."
  policy      = "soc1.access.postgres_superusers"
  providers   = { postgres = postgres.ledger, approved_access = file.approved_access }
  frequency   = "continuous"
  key         = true
  severity    = "critical"
  owner       = local.platform_owner
}

control "k8s_no_privileged" {
  ref         = "6.6"
  objective   = objective.privileged_access
  title       = "No workload runs privileged or as root"
  mappings    = { soc2 = ["CC6.1"], iso27001 = ["A.8.9"] }
  description = "Workloads in the production cluster run as non-root users, without privileged containers, privilege escalation or the node's namespaces, so that a compromised application cannot take over its node."
  remediation = "Set runAsNonRoot and allowPrivilegeEscalation: false, and remove privileged and host namespace settings."
  policy      = "soc1.access.k8s_no_privileged"
  providers   = [kubernetes]
  frequency   = "continuous"
  severity    = "high"
  owner       = local.platform_owner
}

control "iam_no_wildcard" {
  ref         = "6.7"
  objective   = objective.privileged_access
  title       = "IAM policies in Terraform do not grant every action on every resource"
  mappings    = { soc2 = ["CC6.3"], iso27001 = ["A.5.15", "A.8.2"] }
  description = "IAM policies managed in Terraform name the actions and resources they allow; none allows every action on every resource. Evaluated on every pull request to the infrastructure repository."
  remediation = "Replace the wildcard with the actions and resources the principal needs."
  policy      = "soc1.access.iam_no_wildcard"
  providers   = [terraform]
  frequency   = "continuous"
  severity    = "high"
  owner       = local.platform_owner
}

# --- Complementary user entity controls -------------------------------------------------

cuec "client_user_changes" {
  ref         = "CUEC-1"
  objectives  = [objective.access_provisioning, objective.logical_access]
  description = "User entities authorize the access of their own users to the payroll portal and notify the service organization of their users' terminations within one business day."
}

cuec "client_access_review" {
  ref         = "CUEC-2"
  objectives  = [objective.privileged_access]
  description = "User entities review, at least quarterly, which of their users hold administrative roles in the payroll portal."
}
