objective "change_management" {
  ref   = "CO-2"
  title = "Change management"
}

provider "file" {
  alias    = "manifests"
  snapshot = "manifests"
}

control "k8s_hardening" {
  ref          = "2.5"
  objective    = objective.change_management
  title        = "Kubernetes manifests follow the hardening baseline (a conftest library, unchanged)"
  policy       = "k8s"
  policy_style = "conftest"
  providers    = [file.manifests]
  severity     = "high"
}
