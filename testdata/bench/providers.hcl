provider "terraform" {
  snapshot = "plan.json"
}
