# A benchmark policy repository: 20 controls over one Terraform plan generated
# by internal/corpus (plan.json is written into a temporary copy by benchmarks).
socle {
  organization = "Bench Corp"
  system       = "Benchmark"
  # A benchmark on a busy machine must measure, not time out.
  timeout = "10m"
}
