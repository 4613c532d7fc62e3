# Data protection in transit and at rest: each control passes on the repository's sample snapshots
# (snapshots/), and fails on the fixtures under tests/fixtures/, with exactly
# the resources listed. Run them with `socle test`.

test "s3_encrypted_passes" {
  control = control.s3_encrypted
  expect {
    status     = "pass"
    population = 3
  }
}

# Fails on no default encryption, and S3-managed keys.
test "s3_encrypted_fails" {
  control  = control.s3_encrypted
  snapshot = { aws = "tests/fixtures/aws" }
  expect {
    status  = "fail"
    failing = ["example-legacy-reports", "example-payroll-exports"]
  }
}

test "s3_public_access_blocked_passes" {
  control = control.s3_public_access_blocked
  expect {
    status     = "pass"
    population = 3
  }
}

# Fails on half of the public access block off.
test "s3_public_access_blocked_fails" {
  control  = control.s3_public_access_blocked
  snapshot = { aws = "tests/fixtures/aws" }
  expect {
    status  = "fail"
    failing = ["example-legacy-reports"]
  }
}

test "rds_encrypted_passes" {
  control = control.rds_encrypted
  expect {
    status     = "pass"
    population = 2
  }
}

# Fails on an unencrypted database.
test "rds_encrypted_fails" {
  control  = control.rds_encrypted
  snapshot = { aws = "tests/fixtures/aws" }
  expect {
    status  = "fail"
    failing = ["payroll-ledger"]
  }
}

test "kms_rotation_passes" {
  control = control.kms_rotation
  expect {
    status     = "pass"
    population = 2
  }
}

# Fails on a key that does not rotate.
test "kms_rotation_fails" {
  control  = control.kms_rotation
  snapshot = { aws = "tests/fixtures/aws" }
  expect {
    status  = "fail"
    failing = ["1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"]
  }
}

test "postgres_ssl_passes" {
  control = control.postgres_ssl
  expect {
    status     = "pass"
    population = 1
  }
}

# Fails on ssl off.
test "postgres_ssl_fails" {
  control  = control.postgres_ssl
  snapshot = { postgres = "tests/fixtures/postgres/ledger.json" }
  expect {
    status  = "fail"
    failing = ["setting:ssl"]
  }
}

test "k8s_ingress_tls_passes" {
  control = control.k8s_ingress_tls
  expect {
    status     = "pass"
    population = 2
  }
}

# Fails on an ingress without TLS, and a host outside its certificate.
test "k8s_ingress_tls_fails" {
  control  = control.k8s_ingress_tls
  snapshot = { kubernetes = "tests/fixtures/kubernetes" }
  expect {
    status  = "fail"
    failing = ["Ingress/payments/payments-gateway", "Ingress/payroll/payroll-api"]
  }
}
