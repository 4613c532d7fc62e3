control "privileged" {
  ref       = "4.1"
  objective = objective.workload_security
  title     = "No container runs privileged or may escalate its privileges"
  policy    = "socle.bench.k8s.privileged"
  providers = [kubernetes]
  frequency = "continuous"
  automated = true
  severity  = "high"
}

control "non_root" {
  ref       = "4.2"
  objective = objective.workload_security
  title     = "Containers run as a non-root user"
  policy    = "socle.bench.k8s.non_root"
  providers = [kubernetes]
  frequency = "continuous"
  automated = true
  severity  = "high"
}

control "resource_limits" {
  ref       = "4.3"
  objective = objective.workload_security
  title     = "Every container has CPU and memory limits"
  policy    = "socle.bench.k8s.resource_limits"
  providers = [kubernetes]
  frequency = "continuous"
  automated = true
  severity  = "medium"
}

control "image_pinned" {
  ref       = "4.4"
  objective = objective.workload_security
  title     = "Images are pinned to a version tag or a digest"
  policy    = "socle.bench.k8s.image_pinned"
  providers = [kubernetes]
  frequency = "continuous"
  automated = true
  severity  = "medium"
}

control "host_namespaces" {
  ref       = "4.5"
  objective = objective.workload_security
  title     = "Pods share no host namespace and mount no host path"
  policy    = "socle.bench.k8s.host_namespaces"
  providers = [kubernetes]
  frequency = "continuous"
  automated = true
  severity  = "high"
}

control "ingress_tls" {
  ref       = "4.6"
  objective = objective.workload_security
  title     = "Every Ingress terminates TLS"
  policy    = "socle.bench.k8s.ingress_tls"
  providers = [kubernetes]
  frequency = "continuous"
  automated = true
  severity  = "high"
}

control "service_exposure" {
  ref       = "4.7"
  objective = objective.workload_security
  title     = "Services are not exposed on node ports or to the whole internet"
  policy    = "socle.bench.k8s.service_exposure"
  providers = [kubernetes]
  frequency = "continuous"
  automated = true
  severity  = "high"
}
