# The risk register: what could go wrong in the financial reporting of the
# service organization's user entities (COSO 2013 principles 7 to 9), and the
# controls that mitigate each risk. likelihood and impact are on a scale of 1
# to 5 (docs/programme.md); management reviews the register each year
# (control.annual_risk_assessment).

risk "unauthorized_payment" {
  ref          = "R-01"
  title        = "A payment batch is released without authorization"
  description  = "One person prepares and releases a disbursement batch, or releases it above their authority, so funds leave for purposes the user entity did not approve."
  likelihood   = 2
  impact       = 5
  objectives   = [objective.payment_authorization]
  coso         = [7]
  fraud        = true
  mitigated_by = [control.payment_batches_approved, control.payment_approval_limits]
}

risk "payee_bank_redirected" {
  ref          = "R-02"
  title        = "A payee's bank details are changed to divert payments"
  description  = "A fraudster impersonating an employee or supplier has their bank account replaced, and the next run pays the fraudster."
  likelihood   = 3
  impact       = 4
  objectives   = [objective.payment_authorization]
  coso         = [7]
  fraud        = true
  mitigated_by = [control.payee_bank_changes_verified]
}

risk "incomplete_input" {
  ref          = "R-03"
  title        = "Client input files are lost, duplicated or partly processed"
  description  = "Pay data or payment instructions received from user entities are not processed completely and exactly once, misstating payroll expense and liabilities."
  likelihood   = 3
  impact       = 4
  objectives   = [objective.transaction_processing]
  coso         = [7]
  mitigated_by = [control.input_files_complete, control.payroll_reconciled]
}

risk "payroll_miscalculated" {
  ref          = "R-04"
  title        = "A payroll run is miscalculated or does not agree with the ledger"
  description  = "Gross-to-net or tax calculations go wrong, or the run posted to the general ledger differs from the run paid."
  likelihood   = 2
  impact       = 4
  objectives   = [objective.transaction_processing]
  coso         = [7]
  mitigated_by = [control.payroll_reconciled, control.changes_tested]
}

risk "unauthorized_change" {
  ref          = "R-05"
  title        = "An unapproved or untested change reaches production"
  description  = "Code that alters calculations or payment logic is deployed without review or tests."
  likelihood   = 3
  impact       = 4
  objectives   = [objective.change_management]
  coso         = [7, 9]
  mitigated_by = [control.branch_protection, control.changes_tested, control.deployments_traceable]
}

risk "developer_self_release" {
  ref          = "R-06"
  title        = "A developer approves or releases their own change"
  description  = "Without segregation of duties one engineer can introduce and deploy logic that pays themselves or hides an error."
  likelihood   = 2
  impact       = 4
  objectives   = [objective.change_segregation]
  coso         = [7]
  fraud        = true
  mitigated_by = [control.changes_peer_approved, control.deployer_not_author]
}

risk "leaver_access" {
  ref          = "R-07"
  title        = "A leaver keeps access to payroll and payment systems"
  description  = "An account not disabled at termination is used to read or alter pay and payment data."
  likelihood   = 3
  impact       = 3
  objectives   = [objective.access_provisioning]
  coso         = [7]
  mitigated_by = [control.terminated_access_removed, control.privileged_access_review]
}

risk "credential_compromise" {
  ref          = "R-08"
  title        = "Stolen credentials give an outsider access"
  description  = "A phished password or a leaked key lets an attacker sign in to the identity provider, the cloud account or the source repositories."
  likelihood   = 3
  impact       = 4
  objectives   = [objective.logical_access]
  coso         = [7]
  mitigated_by = [control.idp_mfa, control.aws_console_mfa, control.aws_root_account, control.github_org_2fa]
}

risk "excessive_privilege" {
  ref          = "R-09"
  title        = "Privileged access is broader than the job needs"
  description  = "Administrators accumulate rights to the ledger database, the cluster or the cloud account, and could change records without trace."
  likelihood   = 3
  impact       = 4
  objectives   = [objective.privileged_access]
  coso         = [7]
  mitigated_by = [control.privileged_groups_approved, control.aws_admins_approved, control.k8s_cluster_admin, control.postgres_superusers, control.iam_no_wildcard]
}

risk "data_loss" {
  ref          = "R-10"
  title        = "Ledger or payment data is lost and cannot be restored"
  description  = "A deletion, corruption or outage destroys records of processed transactions before they reach user entities."
  likelihood   = 2
  impact       = 5
  objectives   = [objective.backup_recovery]
  coso         = [7]
  mitigated_by = [control.rds_backups, control.restore_tests, control.s3_versioning]
}

risk "data_exposure" {
  ref          = "R-11"
  title        = "Pay and bank data is exposed or altered in transit or at rest"
  description  = "Unencrypted storage or connections, or a public bucket, let someone read or tamper with transaction data."
  likelihood   = 2
  impact       = 4
  objectives   = [objective.data_protection]
  coso         = [7]
  mitigated_by = [control.s3_public_access_blocked, control.s3_encrypted, control.rds_encrypted, control.postgres_ssl, control.k8s_ingress_tls]
}

risk "undetected_activity" {
  ref          = "R-12"
  title        = "Unauthorized activity goes undetected"
  description  = "Without complete logs and incident handling, a misuse of access or a failed control is not noticed or corrected within the period."
  likelihood   = 3
  impact       = 3
  objectives   = [objective.logging_monitoring]
  coso         = [7]
  mitigated_by = [control.cloudtrail, control.postgres_logging, control.incidents_resolved]
}

risk "job_failure" {
  ref          = "R-13"
  title        = "A scheduled payroll or payment job fails or runs unapproved"
  description  = "A batch job does not run, runs twice or runs in an altered form, and nobody resolves it before the pay date."
  likelihood   = 3
  impact       = 3
  objectives   = [objective.computer_operations]
  coso         = [7]
  mitigated_by = [control.scheduled_jobs_authorized, control.job_failures_resolved]
}

risk "subservice_failure" {
  ref          = "R-14"
  title        = "A subservice organization's controls fail unnoticed"
  description  = "The hosting provider, identity provider or bank has control exceptions the service organization does not learn of or respond to."
  likelihood   = 2
  impact       = 4
  objectives   = [objective.subservice_monitoring]
  coso         = [7, 9]
  mitigated_by = [control.subservice_reports_reviewed]
}

risk "unethical_conduct" {
  ref          = "R-15"
  title        = "Personnel misuse their position"
  description  = "Staff with access to client pay data act against the code of conduct or the security policy."
  likelihood   = 2
  impact       = 3
  objectives   = [objective.organization_management, objective.information_communication]
  coso         = [7]
  fraud        = true
  mitigated_by = [control.background_checks, control.code_of_conduct, control.security_policy_acknowledged]
}
