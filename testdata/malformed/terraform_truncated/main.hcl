objective "input" {
  ref   = "CO-1"
  title = "Malformed input"
}

provider "terraform" {
  snapshot = "snapshots/plan.json"
}

control "reads" {
  ref       = "1.1"
  objective = objective.input
  title     = "The input loads"
  policy    = "malformed"
  providers = [terraform]
}
