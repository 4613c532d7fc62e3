# The planned infrastructure, as `terraform show -json plan.out` writes it.
provider "terraform" {
  snapshot = "snapshots/terraform/plan.json"
  source   = "infra" # the .tf files, so findings point at the resource's line
}

# HR system roster export (CSV with a header row).
provider "file" {
  alias    = "hr"
  snapshot = "snapshots/hr/roster.csv"
}

# Identity provider user export.
provider "file" {
  alias    = "idp"
  snapshot = "snapshots/idp/users.json"
}

# Merged pull requests of the infrastructure repository, with their reviews.
provider "file" {
  alias    = "changes"
  snapshot = "snapshots/github/pulls.json"
}

# The payroll cluster's manifests, as rendered for deployment.
provider "kubernetes" {
  snapshot = "snapshots/kubernetes"
}

# The GitHub organization's settings, as `gh api` exports them.
provider "github" {
  snapshot = "snapshots/github-org"
}
