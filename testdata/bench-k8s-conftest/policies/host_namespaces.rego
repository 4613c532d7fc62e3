package bench.k8s.host_namespaces

import data.bench.k8s.lib

deny contains sprintf("%s: the pod sets %s", [lib.key, field]) if {
	some field in ["hostNetwork", "hostPID", "hostIPC"]
	lib.pod_spec[field] == true
}

deny contains sprintf("%s: volume %s mounts the host path %s", [lib.key, v.name, v.hostPath.path]) if {
	some v in object.get(lib.pod_spec, "volumes", [])
	v.hostPath
}
