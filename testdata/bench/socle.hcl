# A benchmark policy repository: 20 controls over one Terraform plan generated
# by internal/corpus (plan.json is written into a temporary copy by benchmarks).
socle {
  organization = "Bench Corp"
  system       = "Benchmark"
  limits {
    # The 100k-resource plan is 334 MB, past the default input_size.
    # A benchmark on a busy machine must measure, not time out.
    input_size      = "1GiB"
    control_timeout = "10m"
  }
}
