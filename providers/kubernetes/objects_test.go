package kubernetes

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// readAll reads files (name → content) in name order as Load does and
// returns the normalized value and every warning.
func readAll(t *testing.T, files map[string]string, namespaceDefault string) (map[string]any, []string) {
	t.Helper()
	r := &reader{}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := readFile(r, name, []byte(files[name])); err != nil {
			t.Fatalf("reading %s: %v", name, err)
		}
	}
	value, dups := normalize(r.objects, namespaceDefault)
	var warnings []string
	for _, w := range append(r.warnings, dups...) {
		warnings = append(warnings, w.Error())
	}
	return value, warnings
}

// summary lists an object entry as "key file:line #index helm_source".
func summary(e map[string]any) string {
	s := e["source"].(map[string]any)
	out := e["key"].(string) + " " + s["file"].(string) + ":" + string(s["line"].(json.Number)) + " #" + string(s["index"].(json.Number))
	if h := s["helm_source"].(string); h != "" {
		out += " " + h
	}
	return out
}

func TestObjects(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string
		want     []string // summaries, in objects order
		warnings []string
	}{
		{
			name: "empty and null documents are skipped and not counted",
			files: map[string]string{"a.yaml": "---\n# only a comment\n---\n~\n---\n" +
				"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nnull\n---\n" +
				"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n---\n"},
			want: []string{"ConfigMap/default/a a.yaml:6 #0", "ConfigMap/default/b a.yaml:12 #1"},
		},
		{
			name: "a document without # Source belongs to the template before it",
			files: map[string]string{"r.yaml": "---\n# Source: c/crds/a.yaml\n---\n" +
				"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n" +
				"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n---\n" +
				"# Source: c/templates/c.yaml\n# Another comment\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"},
			want: []string{
				"ConfigMap/default/a r.yaml:4 #0 c/crds/a.yaml",
				"ConfigMap/default/b r.yaml:8 #1 c/crds/a.yaml",
				"ConfigMap/default/c r.yaml:14 #2 c/templates/c.yaml",
			},
		},
		{
			name:  "helm output with CRLF line ends",
			files: map[string]string{"r.yaml": "---\r\n# Source: c/templates/x.yaml\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: x\r\n"},
			want:  []string{"ConfigMap/default/x r.yaml:3 #0 c/templates/x.yaml"},
		},
		{
			name: "a List inside a List",
			files: map[string]string{"l.yaml": "apiVersion: v1\nkind: List\nitems:\n" +
				"- apiVersion: v1\n  kind: List\n  items:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: inner}\n" +
				"- apiVersion: v1\n  kind: Pod\n  metadata: {name: outer}\n"},
			want: []string{"Pod/default/inner l.yaml:7 #0", "Pod/default/outer l.yaml:10 #0"},
		},
		{
			name: "typed list items take the list's kind and apiVersion when they leave them out",
			files: map[string]string{"d.json": `{"kind":"DeploymentList","apiVersion":"apps/v1","metadata":{"resourceVersion":"9"},"items":[
{"metadata":{"name":"a","namespace":"x"}},
{"kind":"Deployment","metadata":{"name":"b","namespace":"x"}}]}`},
			want: []string{"Deployment/x/a d.json:2 #0", "Deployment/x/b d.json:3 #0"},
		},
		{
			name:  "an empty List",
			files: map[string]string{"l.json": `{"apiVersion": "v1", "items": [], "kind": "List", "metadata": {"resourceVersion": ""}}`},
		},
		{
			name:  "a kind ending in List without items is an object",
			files: map[string]string{"a.yaml": "apiVersion: policy.example/v1\nkind: AccessList\nmetadata: {name: admins}\nspec: {users: [ada]}\n"},
			want:  []string{"AccessList/default/admins a.yaml:1 #0"},
		},
		{
			name: "what is not an object is a warning",
			files: map[string]string{
				"l.yaml": "apiVersion: v1\nkind: List\nitems:\n- null\n- just text\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: ok}\n",
				"s.yaml": "- apiVersion: v1\n  kind: ConfigMap\n",
				"m.yaml": "apiVersion: v1\nmetadata: {name: nokind}\n---\nkind: ConfigMap\n---\nplain: mapping\n",
				"n.json": "null\n",
				"a.json": "[{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\"}]\n",
			},
			want: []string{"ConfigMap/default/ok l.yaml:6 #0"},
			warnings: []string{
				"a.json:1:1: Not a Kubernetes object: the document is a list, not a mapping with apiVersion and kind; it was skipped (write one object per document, separated by ---, or wrap them in a List: apiVersion: v1, kind: List, items: [...])",
				"l.yaml:4:3: Not a Kubernetes object: item 1 of the List at line 1 is null, not a mapping with apiVersion and kind; it was skipped",
				`l.yaml:5:3: Not a Kubernetes object: item 2 of the List at line 1 is the string "just text", not a mapping with apiVersion and kind; it was skipped`,
				"m.yaml:1:1: Not a Kubernetes object: the document has no kind, so it is not a Kubernetes object; it was skipped",
				"m.yaml:4:1: Not a Kubernetes object: the document has no apiVersion, so it is not a Kubernetes object; it was skipped",
				"m.yaml:6:1: Not a Kubernetes object: the document has no apiVersion or kind, so it is not a Kubernetes object; it was skipped",
				"s.yaml:1:1: Not a Kubernetes object: the document is a list, not a mapping with apiVersion and kind; it was skipped (write one object per document, separated by ---, or wrap them in a List: apiVersion: v1, kind: List, items: [...])",
			},
		},
		{
			name: "cluster-scoped objects have no namespace, even one written",
			files: map[string]string{"c.yaml": "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r, namespace: payments}\n---\n" +
				"apiVersion: v1\nkind: Node\nmetadata: {name: ip-10-0-1-2}\n"},
			want: []string{"ClusterRole//r c.yaml:1 #0", "Node//ip-10-0-1-2 c.yaml:5 #1"},
		},
		{
			name: "a CustomResourceDefinition makes its kind cluster-scoped in its group only",
			files: map[string]string{"c.yaml": "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: clusterissuers.cert-manager.io}\n" +
				"spec: {group: cert-manager.io, scope: Cluster, names: {kind: ClusterIssuer, plural: clusterissuers}}\n---\n" +
				"apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: {name: letsencrypt}\n---\n" +
				"apiVersion: other.example/v1\nkind: ClusterIssuer\nmetadata: {name: letsencrypt}\n"},
			want: []string{
				"ClusterIssuer//letsencrypt c.yaml:6 #1",
				"ClusterIssuer/default/letsencrypt c.yaml:10 #2",
				"CustomResourceDefinition//clusterissuers.cert-manager.io c.yaml:1 #0",
			},
		},
		{
			name: "objects without a name",
			files: map[string]string{"j.yaml": "apiVersion: batch/v1\nkind: Job\nmetadata: {generateName: migrate-}\n---\n" +
				"apiVersion: v1\nkind: ConfigMap\nmetadata: null\n---\napiVersion: v1\nkind: ConfigMap\n"},
			want: []string{"ConfigMap/default/ j.yaml:5 #1", "ConfigMap/default/ j.yaml:9 #2", "Job/default/ j.yaml:1 #0"},
			warnings: []string{
				"j.yaml:9: Duplicate Kubernetes object: ConfigMap/default/ is also defined at j.yaml:5; by_key holds this later definition (both are in objects). Remove one, or give them different names or namespaces",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			value, warnings := readAll(t, tt.files, "default")
			var got []string
			for _, e := range value["objects"].([]any) {
				got = append(got, summary(e.(map[string]any)))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("objects\n got %q\nwant %q", got, tt.want)
			}
			slices.Sort(warnings)
			if !reflect.DeepEqual(warnings, tt.warnings) {
				t.Errorf("warnings\n got %q\nwant %q", warnings, tt.warnings)
			}
		})
	}
}

func TestNamespaceDefault(t *testing.T) {
	value, _ := readAll(t, map[string]string{"a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n" +
		"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: \"\"}\n---\n" +
		"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: other}\n"}, "payments")
	var keys []string
	for k := range value["by_key"].(map[string]any) {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"ConfigMap/other/c", "ConfigMap/payments/a", "ConfigMap/payments/b"}; !reflect.DeepEqual(keys, want) {
		t.Errorf("keys %q, want %q", keys, want)
	}
}

func TestSecretsRedacted(t *testing.T) {
	src := `apiVersion: v1
kind: Secret
metadata:
  name: db
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"v1","data":{"password":"aHVudGVyMg=="},"kind":"Secret","metadata":{"name":"db"}}
    owner: payments
data:
  password: aHVudGVyMg==
  empty: null
stringData: "not a mapping"
`
	value, _ := readAll(t, map[string]string{"s.yaml": src}, "default")
	obj := value["by_key"].(map[string]any)["Secret/default/db"].(map[string]any)["object"].(map[string]any)
	b, err := json.Marshal(obj)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"apiVersion":"v1","data":{"empty":null,"password":"(sensitive)"},"kind":"Secret",` +
		`"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"(sensitive)","owner":"payments"},"name":"db"},"stringData":"(sensitive)"}`
	if string(b) != want {
		t.Errorf("Secret\n got %s\nwant %s", b, want)
	}
	if strings.Contains(string(b), "aHVudGVyMg") {
		t.Error("the secret's value reached the document")
	}

	// A ConfigMap, or a Secret of another API group, is kept as written.
	value, _ = readAll(t, map[string]string{"c.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {password: x}\n---\n" +
		"apiVersion: vault.example/v1\nkind: Secret\nmetadata: {name: v}\ndata: {path: kv/payments}\n"}, "default")
	for key, field := range map[string]string{"ConfigMap/default/c": "password", "Secret/default/v": "path"} {
		data := value["by_key"].(map[string]any)[key].(map[string]any)["object"].(map[string]any)["data"].(map[string]any)
		if data[field] == redacted {
			t.Errorf("%s: %s redacted", key, field)
		}
	}
}

func TestPodSpecs(t *testing.T) {
	src := `apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: a, image: x}]}
---
apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec: {template: {spec: {containers: [{name: a, image: x}]}}}
---
apiVersion: v1
kind: ReplicationController
metadata: {name: rc}
spec: {template: {spec: {containers: [{name: a, image: x}]}}}
---
apiVersion: extensions/v1beta1
kind: ReplicaSet
metadata: {name: rs}
spec: {template: {spec: {containers: [{name: a, image: x}]}}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: no-template}
spec: {serviceName: db}
---
apiVersion: argoproj.io/v1alpha1
kind: Deployment
metadata: {name: other-group}
spec: {template: {spec: {containers: [{name: a, image: x}]}}}
---
apiVersion: v1
kind: Pod
metadata: {name: spec-not-a-mapping}
spec: [containers]
`
	value, _ := readAll(t, map[string]string{"w.yaml": src}, "default")
	var got []string
	for _, p := range value["pod_specs"].([]any) {
		p := p.(map[string]any)
		got = append(got, p["key"].(string)+" "+p["path"].(string))
	}
	want := []string{
		"Job/default/j spec.template.spec",
		"Pod/default/p spec",
		"ReplicaSet/default/rs spec.template.spec",
		"ReplicationController/default/rc spec.template.spec",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("pod_specs\n got %q\nwant %q", got, want)
	}
}
