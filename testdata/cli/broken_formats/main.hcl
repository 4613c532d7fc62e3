objective "access" {
  ref   = "CO-1"
  title = "Logical access"
}

provider "file" {
  alias    = "csv"
  snapshot = "snapshots/users.csv"
}

provider "file" {
  alias    = "yaml"
  snapshot = "snapshots/users.yaml"
}

control "mfa" {
  ref       = "1.1"
  objective = objective.access
  title     = "MFA for every user"
  policy    = "cli.users"
  providers = [file.csv, file.yaml]
}
