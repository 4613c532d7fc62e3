# The checks of ../bench-k8s written as conftest policies (deny rules over one
# manifest document at a time), run by socle in the conftest style and by
# conftest itself in scripts/bench-compare.sh. The messages are those of
# ../bench-k8s, so the two can be compared finding for finding.
socle {
  organization = "Bench Corp"
  system       = "Benchmark"
  # A benchmark on a busy machine must measure, not time out.
  timeout = "10m"
}

provider "file" {
  alias    = "manifests"
  snapshot = "manifests"
}

objective "workload_security" {
  ref         = "CO-4"
  title       = "Workload security"
  description = "Controls provide reasonable assurance that workloads relevant to user entities' financial reporting run with least privilege and are reachable only as intended."
  coso        = [10, 11]
}
