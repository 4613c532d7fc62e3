socle {
  organization = "CLI test"

  limits {
    control_timeout = "1m"
    run_timeout     = "300ms"
  }
}

objective "access" {
  ref   = "CO-1"
  title = "Logical access"
  coso  = [10, 11]
}

provider "file" {
  alias    = "idp"
  snapshot = "snapshots/users.json"
}

control "mfa" {
  ref       = "1.1"
  objective = objective.access
  title     = "MFA for every user"
  policy    = "cli.slow"
  providers = [file.idp]
  severity  = "medium"
}
