objective "data" {
  ref   = "CO-3"
  title = "Data protection"
}

provider "terraform" {
  snapshot = "plan.json"
  source   = "infra"
}

control "no_reporting_replica" {
  ref       = "3.9"
  objective = objective.data
  title     = "Databases are multi-AZ"
  policy    = "t.multi_az"
  providers = [terraform]
}
