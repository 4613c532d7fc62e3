package kubernetes

import "strings"

// clusterScoped lists the kinds of the Kubernetes API (and of the volume
// snapshot CRDs every CSI cluster installs) whose objects belong to no
// namespace, as kubectl api-resources --namespaced=false lists them. Every
// other kind is namespaced, unless a CustomResourceDefinition read with the
// snapshot declares it cluster-scoped.
var clusterScoped = map[string]bool{
	"APIService":                       true,
	"CSIDriver":                        true,
	"CSINode":                          true,
	"CertificateSigningRequest":        true,
	"ClusterRole":                      true,
	"ClusterRoleBinding":               true,
	"ClusterTrustBundle":               true,
	"ComponentStatus":                  true,
	"CustomResourceDefinition":         true,
	"DeviceClass":                      true,
	"FlowSchema":                       true,
	"IPAddress":                        true,
	"IngressClass":                     true,
	"MutatingAdmissionPolicy":          true,
	"MutatingAdmissionPolicyBinding":   true,
	"MutatingWebhookConfiguration":     true,
	"Namespace":                        true,
	"Node":                             true,
	"PersistentVolume":                 true,
	"PodSecurityPolicy":                true,
	"PriorityClass":                    true,
	"PriorityLevelConfiguration":       true,
	"ResourceSlice":                    true,
	"RuntimeClass":                     true,
	"ServiceCIDR":                      true,
	"StorageClass":                     true,
	"ValidatingAdmissionPolicy":        true,
	"ValidatingAdmissionPolicyBinding": true,
	"ValidatingWebhookConfiguration":   true,
	"VolumeAttachment":                 true,
	"VolumeAttributesClass":            true,
	"VolumeSnapshotClass":              true,
	"VolumeSnapshotContent":            true,
}

// group returns the API group of an apiVersion: "apps" for "apps/v1", ""
// (the core group) for "v1".
func group(apiVersion string) string {
	if i := strings.LastIndexByte(apiVersion, '/'); i >= 0 {
		return apiVersion[:i]
	}
	return ""
}

// scopes tells cluster-scoped kinds from namespaced ones.
type scopes struct {
	custom map[string]bool // "<group>/<kind>" of custom kinds declared cluster-scoped
}

// newScopes learns the scope of custom kinds from the CustomResourceDefinitions
// among objs.
func newScopes(objs []*object) scopes {
	s := scopes{custom: map[string]bool{}}
	for _, o := range objs {
		if o.kind != "CustomResourceDefinition" || group(o.apiVersion) != "apiextensions.k8s.io" {
			continue
		}
		spec, _ := o.value["spec"].(map[string]any)
		names, _ := spec["names"].(map[string]any)
		g, _ := spec["group"].(string)
		kind, _ := names["kind"].(string)
		if scope, _ := spec["scope"].(string); scope == "Cluster" && kind != "" {
			s.custom[g+"/"+kind] = true
		}
	}
	return s
}

// cluster reports whether objects of kind in apiVersion are cluster-scoped.
func (s scopes) cluster(apiVersion, kind string) bool {
	return clusterScoped[kind] || s.custom[group(apiVersion)+"/"+kind]
}
