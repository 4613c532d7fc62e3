objective "input" {
  ref   = "CO-1"
  title = "Malformed input"
}

provider "aws" {
  snapshot = "snapshots/aws"
}

control "reads" {
  ref       = "1.1"
  objective = objective.input
  title     = "The input loads"
  policy    = "malformed"
  providers = [aws]
}
