objective "input" {
  ref   = "CO-1"
  title = "Malformed input"
}

provider "file" {
  snapshot = "snapshots/users.json"
}

control "reads" {
  ref       = "1.1"
  objective = objective.input
  title     = "The input loads"
  policy    = "malformed"
  providers = [file]
}
