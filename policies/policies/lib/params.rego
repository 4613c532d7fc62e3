# METADATA
# title: Catalog parameters
# description: >-
#   The thresholds the catalog's policies judge against, in one place so that
#   management's choices are visible to an auditor and changed by a reviewed pull
#   request. Adjust them to your organization's policies.
package soc1.params

# Access is removed no later than this many whole days after the termination date.
deprovisioning_sla_days := 1

# New personnel acknowledge the code of conduct within this many days of hire.
code_of_conduct_days := 30

# The information security policy in force, and the days personnel have to
# acknowledge it (from its effective date, or from their hire date if later).
security_policy_version := "4.0"

security_policy_effective := "2026-01-15"

security_policy_days := 30

# AWS account password policy.
minimum_password_length := 14

password_reuse_prevention := 24

# Backups are retained for at least this many days.
minimum_backup_retention_days := 7

# Ports that administer a host or a database: never open to the internet.
admin_ports := {22, 23, 135, 445, 1433, 1521, 2375, 2376, 3306, 3389, 5432, 5985, 5986, 6379, 9200, 27017}

# Minutes within which an incident is acknowledged, by severity.
incident_ack_minutes := {"SEV1": 15, "SEV2": 30, "SEV3": 240, "SEV4": 1440}

# Severities whose resolution requires a written post-incident review.
postmortem_severities := {"SEV1", "SEV2"}

# Hours within which affected user entities are told of an incident that affects them.
client_notification_hours := 72

# A subservice organization's report must cover a period ending at most this
# many days before the register's date; past the gap days, a bridge letter
# must cover the gap.
subservice_report_max_age_days := 365

subservice_bridge_gap_days := 92

# Identity provider groups whose name contains one of these is privileged even
# when the approved list does not name it.
privileged_group_markers := {"admin"}

# Accounts that are not people: the identity provider's user type for them.
service_account_type := "service"

# General ledger accounts a payroll run is posted to, by the run's field.
payroll_gl_accounts := {
	"gross_pay": "6000 Gross wages",
	"net_pay": "2100 Net pay payable",
	"employee_taxes": "2200 Payroll taxes payable",
	"deductions": "2300 Deductions payable",
}

# How a change to a payee's bank details is verified before it takes effect.
bank_change_verification_methods := {"callback"}
