# Pods share no host namespace (network, PID, IPC) and mount no host path.
package socle.bench.k8s.host_namespaces

resources contains p.key if some p in input.kubernetes.pod_specs

deny contains {"resource": p.key, "msg": sprintf("%s: the pod sets %s", [p.key, field])} if {
	some p in input.kubernetes.pod_specs
	some field in ["hostNetwork", "hostPID", "hostIPC"]
	p.spec[field] == true
}

deny contains {"resource": p.key, "msg": sprintf("%s: volume %s mounts the host path %s", [p.key, v.name, v.hostPath.path])} if {
	some p in input.kubernetes.pod_specs
	some v in object.get(p.spec, "volumes", [])
	v.hostPath
}
