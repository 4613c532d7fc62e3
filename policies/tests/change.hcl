# Change management and segregation of duties in change: each control passes on the repository's sample snapshots
# (snapshots/), and fails on the fixtures under tests/fixtures/, with exactly
# the resources listed. Run them with `socle test`.

test "branch_protection_passes" {
  control = control.branch_protection
  expect {
    status     = "pass"
    population = 3
  }
}

# Fails on admins exempt and force pushes allowed, an unprotected branch, and a ruleset with bypass actors.
test "branch_protection_fails" {
  control  = control.branch_protection
  snapshot = { github = "tests/fixtures/github" }
  expect {
    status  = "fail"
    failing = ["example-payroll/infrastructure", "example-payroll/payments-gateway", "example-payroll/payroll-api"]
  }
}

test "changes_tested_passes" {
  control = control.changes_tested
  expect {
    status     = "pass"
    population = 5
  }
}

# Fails on a failing check, and no checks at all.
test "changes_tested_fails" {
  control  = control.changes_tested
  snapshot = { changes = "tests/fixtures/changes" }
  expect {
    status  = "fail"
    failing = ["example-payroll/payroll-api#902", "example-payroll/payroll-api#903"]
  }
}

test "deployments_traceable_passes" {
  control = control.deployments_traceable
  expect {
    status     = "pass"
    population = 5
  }
}

# Fails on a deployment of a commit no pull request explains.
test "deployments_traceable_fails" {
  control  = control.deployments_traceable
  snapshot = { deployments = "tests/fixtures/deployments/production.csv", changes = "tests/fixtures/changes" }
  expect {
    status  = "fail"
    failing = ["D-9002"]
  }
}

test "k8s_images_pinned_passes" {
  control = control.k8s_images_pinned
  expect {
    status     = "pass"
    population = 5
  }
}

# Fails on a latest image, and an untagged one.
test "k8s_images_pinned_fails" {
  control  = control.k8s_images_pinned
  snapshot = { kubernetes = "tests/fixtures/kubernetes" }
  expect {
    status  = "fail"
    failing = ["Deployment/payroll/debug-tools", "Deployment/payroll/payroll-api"]
  }
}

test "changes_peer_approved_passes" {
  control = control.changes_peer_approved
  expect {
    status     = "pass"
    population = 5
  }
}

# Fails on a change merged without review, and one approved only by a bot.
test "changes_peer_approved_fails" {
  control  = control.changes_peer_approved
  snapshot = { changes = "tests/fixtures/changes" }
  expect {
    status  = "fail"
    failing = ["example-payroll/payroll-api#901", "example-payroll/payroll-api#903"]
  }
}

test "deployer_not_author_passes" {
  control = control.deployer_not_author
  expect {
    status     = "pass"
    population = 5
  }
}

# Fails on a release approved by its author, and one approved by no one.
test "deployer_not_author_fails" {
  control  = control.deployer_not_author
  snapshot = { deployments = "tests/fixtures/deployments/production.csv", changes = "tests/fixtures/changes" }
  expect {
    status  = "fail"
    failing = ["D-9001", "D-9003"]
  }
}
