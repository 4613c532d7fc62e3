provider "file" {
  alias    = "idp"
  snapshot = "snapshots/idp/users.json"
}

provider "file" {
  alias    = "idp_eu"
  snapshot = "snapshots/idp-eu/users.json"
}

provider "file" {
  alias    = "hr"
  snapshot = "snapshots/hr/roster.csv"
}

provider "file" {
  alias    = "repos"
  snapshot = "snapshots/github/branches.json"
}

provider "file" {
  alias    = "backups"
  snapshot = "snapshots/backups/jobs.json"
}

provider "file" {
  alias    = "manifests"
  snapshot = "snapshots/k8s"
}
