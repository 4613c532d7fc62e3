# Logical, provisioning and privileged access controls: each control passes on the repository's sample snapshots
# (snapshots/), and fails on the fixtures under tests/fixtures/, with exactly
# the resources listed. Run them with `socle test`.

test "idp_mfa_passes" {
  control = control.idp_mfa
  expect {
    status     = "pass"
    population = 12
  }
}

# Fails on an active account without a factor.
test "idp_mfa_fails" {
  control  = control.idp_mfa
  snapshot = { idp = "tests/fixtures/idp/users.json" }
  expect {
    status  = "fail"
    failing = ["bob.stone@example.com"]
  }
}

test "aws_console_mfa_passes" {
  control = control.aws_console_mfa
  expect {
    status     = "pass"
    population = 4
  }
}

# Fails on a console user without MFA.
test "aws_console_mfa_fails" {
  control  = control.aws_console_mfa
  snapshot = { aws = "tests/fixtures/aws" }
  expect {
    status  = "fail"
    failing = ["arn:aws:iam::111122223333:user/ben"]
  }
}

test "aws_password_policy_passes" {
  control = control.aws_password_policy
  expect {
    status     = "pass"
    population = 1
  }
}

# Fails on no password policy at all.
test "aws_password_policy_fails" {
  control  = control.aws_password_policy
  snapshot = { aws = "tests/fixtures/aws" }
  expect {
    status  = "fail"
    failing = ["iam-password-policy"]
  }
}

test "aws_root_account_passes" {
  control = control.aws_root_account
  expect {
    status     = "pass"
    population = 1
  }
}

# Fails on a root user without MFA and with an access key.
test "aws_root_account_fails" {
  control  = control.aws_root_account
  snapshot = { aws = "tests/fixtures/aws" }
  expect {
    status  = "fail"
    failing = ["arn:aws:iam::111122223333:root"]
  }
}

test "github_org_2fa_passes" {
  control = control.github_org_2fa
  expect {
    status     = "pass"
    population = 1
  }
}

# Fails on two-factor authentication not required.
test "github_org_2fa_fails" {
  control  = control.github_org_2fa
  snapshot = { github = "tests/fixtures/github" }
  expect {
    status  = "fail"
    failing = ["example-payroll"]
  }
}

test "postgres_password_encryption_passes" {
  control = control.postgres_password_encryption
  expect {
    status     = "pass"
    population = 1
  }
}

# Fails on MD5 password hashing.
test "postgres_password_encryption_fails" {
  control  = control.postgres_password_encryption
  snapshot = { postgres = "tests/fixtures/postgres/ledger.json" }
  expect {
    status  = "fail"
    failing = ["setting:password_encryption"]
  }
}

test "network_admin_ports_passes" {
  control = control.network_admin_ports
  expect {
    status     = "pass"
    population = 4
  }
}

# Fails on a plan opening SSH to 0.0.0.0/0 and PostgreSQL to ::/0.
test "network_admin_ports_fails" {
  control  = control.network_admin_ports
  snapshot = { terraform = "tests/fixtures/terraform/plan.json" }
  expect {
    status  = "fail"
    failing = ["aws_security_group.bastion", "aws_vpc_security_group_ingress_rule.db_public"]
  }
}

test "terminated_access_removed_passes" {
  control = control.terminated_access_removed
  expect {
    status     = "pass"
    population = 2
  }
}

# Fails on a leaver still active, and one disabled eight days late.
test "terminated_access_removed_fails" {
  control  = control.terminated_access_removed
  snapshot = { hr = "tests/fixtures/hr/employees.csv", idp = "tests/fixtures/idp/users.json" }
  expect {
    status  = "fail"
    failing = ["gil.marsh@example.com", "hana.ito@example.com"]
  }
}

test "no_shared_accounts_passes" {
  control = control.no_shared_accounts
  expect {
    status     = "pass"
    population = 14
  }
}

# Fails on a team mailbox account, and a service account whose owner left.
test "no_shared_accounts_fails" {
  control  = control.no_shared_accounts
  snapshot = { hr = "tests/fixtures/hr/employees.csv", idp = "tests/fixtures/idp/users.json" }
  expect {
    status  = "fail"
    failing = ["payroll-team@example.com", "svc-legacy-export@example.com"]
  }
}

test "access_grants_approved_passes" {
  control = control.access_grants_approved
  expect {
    status     = "pass"
    population = 4
  }
}

# Fails on a self-approved request, a self-grant, an approval after the grant, and a rejected request.
test "access_grants_approved_fails" {
  control  = control.access_grants_approved
  snapshot = { idp_grants = "tests/fixtures/idp/group-membership-grants.json", access_requests = "tests/fixtures/access/requests.csv" }
  expect {
    status  = "fail"
    failing = ["2026-11-02T09:00:00.000Z 0f1e2d3c-0001", "2026-11-03T10:00:00.000Z 0f1e2d3c-0002", "2026-11-04T11:00:00.000Z 0f1e2d3c-0003", "2026-11-06T13:00:00.000Z 0f1e2d3c-0005"]
  }
}

test "privileged_groups_approved_passes" {
  control = control.privileged_groups_approved
  expect {
    status     = "pass"
    population = 9
  }
}

# Fails on members not on the approved list, one in an unlisted admin group.
test "privileged_groups_approved_fails" {
  control  = control.privileged_groups_approved
  snapshot = { idp = "tests/fixtures/idp/users.json" }
  expect {
    status  = "fail"
    failing = ["db-admins:cleo.park@example.com", "idp-admins:dan.wu@example.com", "payroll-admins:bob.stone@example.com"]
  }
}

test "privileged_access_review_passes" {
  control = control.privileged_access_review
  expect {
    status     = "pass"
    population = 11
  }
}

# Fails on an unfinished campaign, a self-review, a revocation not carried out and a member not reviewed.
test "privileged_access_review_fails" {
  control  = control.privileged_access_review
  snapshot = { idp = "tests/fixtures/idp/users.json", access_review = "tests/fixtures/access/privileged-review.json" }
  expect {
    status  = "fail"
    failing = ["", "db-admins:cleo.park@example.com", "idp-admins:dan.wu@example.com", "payroll-admins:bob.stone@example.com"]
  }
}

test "aws_admins_approved_passes" {
  control = control.aws_admins_approved
  expect {
    status     = "pass"
    population = 5
  }
}

# Fails on an unapproved member of Admins, and an inline policy allowing everything.
test "aws_admins_approved_fails" {
  control  = control.aws_admins_approved
  snapshot = { aws = "tests/fixtures/aws" }
  expect {
    status  = "fail"
    failing = ["arn:aws:iam::111122223333:user/eve", "arn:aws:iam::111122223333:user/mallory"]
  }
}

test "k8s_cluster_admin_passes" {
  control = control.k8s_cluster_admin
  expect {
    status     = "pass"
    population = 3
  }
}

# Fails on cluster-admin bound to a user and to a service account.
test "k8s_cluster_admin_fails" {
  control  = control.k8s_cluster_admin
  snapshot = { kubernetes = "tests/fixtures/kubernetes" }
  expect {
    status  = "fail"
    failing = ["ClusterRoleBinding//oncall-admin", "RoleBinding/payroll/ci-deployer"]
  }
}

test "postgres_superusers_passes" {
  control = control.postgres_superusers
  expect {
    status     = "pass"
    population = 5
  }
}

# Fails on the application role made superuser.
test "postgres_superusers_fails" {
  control  = control.postgres_superusers
  snapshot = { postgres = "tests/fixtures/postgres/ledger.json" }
  expect {
    status  = "fail"
    failing = ["payroll_app"]
  }
}

test "k8s_no_privileged_passes" {
  control = control.k8s_no_privileged
  expect {
    status     = "pass"
    population = 5
  }
}

# Fails on a privileged container, and a root pod on the node's network.
test "k8s_no_privileged_fails" {
  control  = control.k8s_no_privileged
  snapshot = { kubernetes = "tests/fixtures/kubernetes" }
  expect {
    status  = "fail"
    failing = ["Deployment/payroll/debug-tools", "Deployment/payroll/payroll-api"]
  }
}

test "iam_no_wildcard_passes" {
  control = control.iam_no_wildcard
  expect {
    status     = "pass"
    population = 3
  }
}

# Fails on a plan adding a policy that allows everything.
test "iam_no_wildcard_fails" {
  control  = control.iam_no_wildcard
  snapshot = { terraform = "tests/fixtures/terraform/plan.json" }
  expect {
    status  = "fail"
    failing = ["aws_iam_policy.break_glass"]
  }
}
