// Package kubernetes is the "kubernetes" provider: Kubernetes objects as
// manifests declare them (kubectl apply -f, Helm, Kustomize output) or as
// kubectl and the API server export them.
//
// # Configuration
//
//	provider "kubernetes" {
//	  snapshot          = "snapshots/k8s"  # required
//	  namespace_default = "payments"       # optional, "default" when absent
//	}
//
// snapshot names a file, a directory (read recursively, skipping names that
// start with a dot) or a glob ("*" does not cross "/"), relative to the policy
// repository; it must stay inside it. Nothing matching is an error. Files
// ending in .yaml, .yml or .json are read; any other file is skipped with a
// warning, and a snapshot holding none of them is an error.
//
// namespace_default is the namespace of a namespaced object that names none,
// as kubectl apply gives it the namespace of the current context. It must be a
// namespace name (a DNS label: lowercase letters, digits and '-').
//
// # What is read
//
//   - YAML files: one document or several separated by "---", with comments.
//     Empty documents (nothing or only comments between two "---") and null
//     documents are skipped.
//   - JSON files: one value, an object or a List.
//   - Lists: a document of kind List (kubectl get -o json or -o yaml) or of a
//     typed list kind ending in "List" whose items is a list (PodList,
//     DeploymentList, as the API server and kubectl get --raw return them)
//     stands for its items, read in turn (a List may hold Lists). Items of a
//     typed list may leave out kind and apiVersion, as the API server writes
//     them: they take the list's kind without "List" and its apiVersion.
//   - helm template output: helm writes "# Source: <chart>/templates/x.yaml"
//     after the "---" of each document it renders. That path is the object's
//     helm_source; a document without such a comment has the path of the last
//     one above it (a CRD file from a chart's crds/ directory may hold several
//     documents under one comment), and "" when there is none.
//
// A document (or List item) that is not a mapping with apiVersion and kind is
// not a Kubernetes object (a Helm values file, say): it is skipped with a
// warning naming its file and line.
//
// # Document
//
//	{
//	  "objects":   [ <entry>, … ],
//	  "by_kind":   { "<Kind>": [ <entry>, … ], … },
//	  "by_key":    { "<Kind>/<namespace>/<name>": <entry>, … },
//	  "pod_specs": [ { "key": "<Kind>/<namespace>/<name>", "path": "spec.template.spec", "spec": { … } }, … ]
//	}
//
// objects holds every object read, sorted by kind, namespace, name, then file,
// document index and line. by_kind holds the same entries grouped by kind, in
// the same order. by_key holds them by key; two objects with one key (applying
// both, the later would replace the earlier) are a warning naming both places,
// and by_key holds the later one (in file order, then position in the file);
// objects and by_kind hold both. The lists and maps share the entries: nothing
// is copied.
//
// Each entry is:
//
//	{
//	  "kind":       "Deployment",
//	  "apiVersion": "apps/v1",
//	  "namespace":  "payments",        // "" for a cluster-scoped object
//	  "name":       "api",             // metadata.name; "" when absent (generateName)
//	  "key":        "Deployment/payments/api",
//	  "source": {
//	    "file":        "snapshots/k8s/app.yaml",   // repository-relative
//	    "line":        12,       // where the object starts (its first key)
//	    "index":       2,        // 0-based, among the file's non-empty documents
//	    "helm_source": "payments/templates/deployment.yaml"   // or ""
//	  },
//	  "object": { "apiVersion": "apps/v1", "kind": "Deployment", "metadata": { … }, "spec": { … } }
//	}
//
// object is the manifest as written, every field kept with its name and JSON
// type (a typed list's item as the API server wrote it, without kind and
// apiVersion), except secrets: the values of a v1 Secret's data and stringData
// (and its kubectl.kubernetes.io/last-applied-configuration annotation, which
// copies them) are replaced by the string "(sensitive)", keeping the keys.
//
// The objects of a List share its document's index; their line tells them
// apart.
//
// namespace is "" for a cluster-scoped object, whatever its metadata says: the
// kinds the Kubernetes API serves without a namespace (Namespace, Node,
// PersistentVolume, ClusterRole, ClusterRoleBinding, CustomResourceDefinition,
// StorageClass, PriorityClass, ValidatingWebhookConfiguration,
// MutatingWebhookConfiguration, APIService, IngressClass, RuntimeClass,
// CSIDriver, CSINode, VolumeAttachment, VolumeSnapshotClass,
// VolumeSnapshotContent, CertificateSigningRequest, FlowSchema,
// PriorityLevelConfiguration, ValidatingAdmissionPolicy and its binding, …),
// and the custom kinds that a CustomResourceDefinition read with the snapshot
// declares with scope Cluster (in its group only). Any other object is
// namespaced: its metadata.namespace, or namespace_default when it has none.
//
// pod_specs lists the pod spec of every workload, in the order of objects,
// so that a policy on containers is one loop: a Pod's spec ("spec"); the pod
// template of a Deployment, ReplicaSet, DaemonSet, StatefulSet, Job or
// ReplicationController ("spec.template.spec"); a CronJob's
// ("spec.jobTemplate.spec.template.spec"). key is the workload's entry key;
// spec is the same map as in its object. A workload of another API group (a
// CRD kind named Deployment) or without a pod spec mapping has no entry.
//
// Numbers are JSON numbers as written (YAML numbers that are not valid JSON,
// such as 0x1F, in decimal). YAML is read as YAML 1.2 (go.yaml.in/yaml/v3):
// yes, no, on and off are strings, where kubectl (YAML 1.1) reads booleans;
// timestamps are the strings written; merge keys (<<) are applied.
//
// Errors name the file, line and column: "Invalid YAML" (a syntax error, a
// mapping key written twice), "Invalid JSON", "Unsupported text encoding"
// (UTF-16), and "Invalid Kubernetes object" when an apiVersion or kind is not
// a non-empty string, metadata is not a mapping, metadata.name or namespace
// is not a string, or a List's items is not a list.
//
// The package reads files only through the repository file system it is
// given and imports nothing of the evaluator.
package kubernetes
