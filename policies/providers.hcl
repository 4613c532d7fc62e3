# Where each system's configuration comes from. Every snapshot below is a
# SAMPLE shipped with socle's catalog, in the format the real tool exports:
# replace each with your own export (or let `socle collect` read the live
# system), keeping the format, and the controls evaluate your systems.

# --- Infrastructure and platforms -------------------------------------------

# Production infrastructure as Terraform records it: `terraform show -json`
# (the state) in a scheduled job, or `terraform show -json PLANFILE` in a pull
# request. Add `source = "infra"` to point findings at the .tf lines.
provider "terraform" {
  snapshot = "snapshots/terraform/state.json"
}

# The production cluster's objects: `kubectl get -A -o json` output, or the
# rendered manifests (helm template, kustomize build).
provider "kubernetes" {
  snapshot = "snapshots/kubernetes"
}

# AWS CLI exports of the production account (see docs/providers.md for the
# command behind each file).
provider "aws" {
  snapshot = "snapshots/aws"
}

# The GitHub organization, its repositories, their default-branch protection
# and rulesets, as `gh api` returns them. Add organization = "…" to collect.
provider "github" {
  snapshot = "snapshots/github"
}

# The ledger database's roles, memberships and security settings, as
# `socle collect` writes them. Set dsn = env("LEDGER_DSN", "") to read the
# live server in scheduled jobs.
provider "postgres" {
  alias    = "ledger"
  snapshot = "snapshots/postgres/ledger.json"
}

# --- People and identity ------------------------------------------------------

# The HR system's employee roster (a CSV report with a header row).
provider "file" {
  alias    = "hr"
  snapshot = "snapshots/hr/employees.csv"

  expect {
    min_items = 1
  }
}

# The identity provider's users with their factors and groups.
provider "file" {
  alias    = "idp"
  snapshot = "snapshots/idp/users.json"
}

# The identity provider's system log of group membership grants
# (eventType group.user_membership.add) over the period.
provider "file" {
  alias    = "idp_grants"
  snapshot = "snapshots/idp/group-membership-grants.json"
}

# Access requests from the ticketing system.
provider "file" {
  alias    = "access_requests"
  snapshot = "snapshots/access/requests.csv"
}

# The latest privileged access review campaign, as the review tool exports it.
provider "file" {
  alias    = "access_review"
  snapshot = "snapshots/access/privileged-review.json"
}

# Management's approved holders of privileged access (reviewed in this
# repository: a change to it is a pull request).
provider "file" {
  alias    = "approved_access"
  snapshot = "approvals/privileged-access.yaml"
}

# --- Change management ----------------------------------------------------------

# Merged pull requests of the in-scope repositories, one file per repository:
# gh pr list --state merged --json number,title,url,author,mergedAt,mergedBy,baseRefName,mergeCommit,reviews,statusCheckRollup
provider "file" {
  alias    = "changes"
  snapshot = "snapshots/changes"
}

# Production deployments, as the deployment pipeline records them.
provider "file" {
  alias    = "deployments"
  snapshot = "snapshots/deployments/production.csv"
}

# --- Operations ------------------------------------------------------------------

# The job scheduler's run history.
provider "file" {
  alias    = "job_runs"
  snapshot = "snapshots/operations/job-runs.csv"
}

# Management's approved job schedule (reviewed in this repository).
provider "file" {
  alias    = "job_schedule"
  snapshot = "approvals/job-schedule.yaml"
}

# The log of database restore tests.
provider "file" {
  alias    = "restore_tests"
  snapshot = "snapshots/operations/restore-tests.csv"
}

# Incidents from the incident management tool.
provider "file" {
  alias    = "incidents"
  snapshot = "snapshots/incidents/incidents.json"
}

# The register of subservice organizations and the review of their reports.
provider "file" {
  alias    = "vendors"
  snapshot = "snapshots/vendors/subservice-organizations.yaml"
}

# --- Transactions -----------------------------------------------------------------

# Client input files received and their processing counts.
provider "file" {
  alias    = "input_files"
  snapshot = "snapshots/transactions/input-files.csv"
}

# Payroll runs, and the general ledger lines they were posted as.
provider "file" {
  alias    = "payroll_runs"
  snapshot = "snapshots/payroll/runs.csv"
}

provider "file" {
  alias    = "gl_postings"
  snapshot = "snapshots/payroll/gl-postings.csv"
}

# Payment batches, the approvers' limits, and changes to payees' bank details,
# from the payments system.
provider "file" {
  alias    = "payment_batches"
  snapshot = "snapshots/payments/batches.csv"
}

provider "file" {
  alias    = "approval_limits"
  snapshot = "snapshots/payments/approval-limits.csv"
}

provider "file" {
  alias    = "bank_changes"
  snapshot = "snapshots/payments/payee-bank-changes.csv"
}
