package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Non-compliance rates of the manifest corpus, each the probability that one
// item deviates.
const (
	rateK8sPrivileged    = 0.04 // a container runs privileged
	rateK8sEscalation    = 0.05 // a container allows privilege escalation
	rateK8sRoot          = 0.10 // the pod does not require a non-root user
	rateK8sNoLimits      = 0.08 // a container has no CPU or memory limit
	rateK8sLatest        = 0.06 // an image tagged latest
	rateK8sUntagged      = 0.03 // an image without tag or digest
	rateK8sDigest        = 0.15 // an image pinned by digest (compliant)
	rateK8sHostNetwork   = 0.03 // hostNetwork, hostPID or a hostPath volume
	rateK8sIngressNoTLS  = 0.10 // an Ingress without tls
	rateK8sNodePort      = 0.06 // a Service of type NodePort
	rateK8sLBOpen        = 0.20 // a LoadBalancer without source ranges
	rateK8sSidecar       = 0.30 // a workload with a second container
	rateK8sInitContainer = 0.15
)

// Manifests returns n Kubernetes manifest files as a GitOps repository holds
// them (kubectl apply -f DIR): path (slash-separated, relative) → YAML. Most
// files are an application's workload (Deployment, StatefulSet, DaemonSet,
// CronJob or Job) followed by its Service, ServiceAccount or ConfigMap as
// further "---" documents; some are an Ingress, a NetworkPolicy or a
// Namespace alone. A few percent of each kind of item deviate from the
// hardening checks of testdata/bench-k8s. The same arguments always return
// the same files.
func Manifests(n int, seed uint64) map[string][]byte {
	g := &k8sGen{rng: rand.New(rand.NewPCG(seed, 0x6b38730a))} // "k8s\n"
	out := make(map[string][]byte, n)
	for i := range n {
		ns := namespaces[i%len(namespaces)]
		app := fmt.Sprintf("%s-%04d", appNames[g.rng.IntN(len(appNames))], i)
		var b strings.Builder
		var path string
		switch r := g.rng.Float64(); {
		case r < 0.08:
			path = fmt.Sprintf("%s/ingress-%s.yaml", ns, app)
			g.ingress(&b, ns, app)
		case r < 0.12:
			path = fmt.Sprintf("%s/netpol-%s.yaml", ns, app)
			g.networkPolicy(&b, ns, app)
		case r < 0.13:
			path = fmt.Sprintf("%s/namespace-%04d.yaml", ns, i)
			fmt.Fprintf(&b, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: %s-%04d\n  labels:\n    team: %s\n", ns, i, ns)
		default:
			path = fmt.Sprintf("%s/%s.yaml", ns, app)
			g.application(&b, ns, app)
		}
		out[path] = []byte(b.String())
	}
	return out
}

// WriteManifests writes Manifests(n, seed) under dir.
func WriteManifests(dir string, n int, seed uint64) error {
	for path, data := range Manifests(n, seed) {
		p := filepath.Join(dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

var (
	namespaces = []string{"payments", "ledger", "payroll", "reporting", "identity", "platform", "batch"}
	appNames   = []string{"api", "worker", "gateway", "scheduler", "exporter", "frontend", "indexer", "sync", "notifier", "auth"}
	registries = []string{"registry.acme.example/", "ghcr.io/acme/", "123456789012.dkr.ecr.us-east-1.amazonaws.com/"}
)

type k8sGen struct{ rng *rand.Rand }

func (g *k8sGen) chance(p float64) bool { return g.rng.Float64() < p }

func (g *k8sGen) digest() string {
	const hex = "0123456789abcdef"
	b := make([]byte, 64)
	for i := range b {
		b[i] = hex[g.rng.IntN(16)]
	}
	return string(b)
}

func (g *k8sGen) image(name string) string {
	repo := registries[g.rng.IntN(len(registries))] + name
	switch r := g.rng.Float64(); {
	case r < rateK8sLatest:
		return repo + ":latest"
	case r < rateK8sLatest+rateK8sUntagged:
		return repo
	case r < rateK8sLatest+rateK8sUntagged+rateK8sDigest:
		return repo + "@sha256:" + g.digest()
	default:
		return fmt.Sprintf("%s:%d.%d.%d", repo, 1+g.rng.IntN(4), g.rng.IntN(20), g.rng.IntN(40))
	}
}

// application writes a workload and the objects that go with it.
func (g *k8sGen) application(b *strings.Builder, ns, app string) {
	kind := "Deployment"
	switch r := g.rng.Float64(); {
	case r < 0.12:
		kind = "StatefulSet"
	case r < 0.20:
		kind = "DaemonSet"
	case r < 0.30:
		kind = "CronJob"
	case r < 0.34:
		kind = "Job"
	}
	sa := app
	if g.chance(0.7) {
		fmt.Fprintf(b, "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: %s\n  namespace: %s\n---\n", sa, ns)
	} else {
		sa = "default"
	}
	g.workload(b, kind, ns, app, sa)
	if kind == "Deployment" || kind == "StatefulSet" {
		b.WriteString("---\n")
		g.service(b, ns, app)
	}
	if g.chance(0.4) {
		fmt.Fprintf(b, "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s-config\n  namespace: %s\ndata:\n  LOG_LEVEL: info\n  REGION: us-east-1\n  FEATURE_FLAGS: \"audit,metrics\"\n", app, ns)
	}
}

func (g *k8sGen) workload(b *strings.Builder, kind, ns, app, sa string) {
	apiVersion := "apps/v1"
	switch kind {
	case "CronJob", "Job":
		apiVersion = "batch/v1"
	}
	fmt.Fprintf(b, "apiVersion: %s\nkind: %s\nmetadata:\n  name: %s\n  namespace: %s\n  labels:\n    app.kubernetes.io/name: %s\n    app.kubernetes.io/part-of: %s\n  annotations:\n    owner: team-%s@acme.example\nspec:\n",
		apiVersion, kind, app, ns, app, ns, ns)
	indent := "  "
	switch kind {
	case "CronJob":
		fmt.Fprintf(b, "  schedule: \"%d %d * * *\"\n  concurrencyPolicy: Forbid\n  jobTemplate:\n    spec:\n      backoffLimit: 2\n      template:\n", g.rng.IntN(60), g.rng.IntN(24))
		indent = "        "
	case "Job":
		b.WriteString("  backoffLimit: 3\n  template:\n")
		indent = "    "
	default:
		if kind != "DaemonSet" {
			fmt.Fprintf(b, "  replicas: %d\n", 1+g.rng.IntN(5))
		}
		if kind == "StatefulSet" {
			fmt.Fprintf(b, "  serviceName: %s\n", app)
		}
		fmt.Fprintf(b, "  selector:\n    matchLabels:\n      app.kubernetes.io/name: %s\n  template:\n", app)
		indent = "    "
	}
	w := func(format string, args ...any) {
		b.WriteString(indent)
		fmt.Fprintf(b, format, args...)
	}
	w("metadata:\n")
	w("  labels:\n")
	w("    app.kubernetes.io/name: %s\n", app)
	w("spec:\n")
	w("  serviceAccountName: %s\n", sa)
	if kind == "CronJob" || kind == "Job" {
		w("  restartPolicy: OnFailure\n")
	}
	if g.chance(rateK8sHostNetwork) {
		w("  hostNetwork: true\n")
	}
	if !g.chance(rateK8sRoot) {
		w("  securityContext:\n")
		w("    runAsNonRoot: true\n")
		w("    runAsUser: %d\n", 10000+g.rng.IntN(1000))
		w("    fsGroup: 2000\n")
		w("    seccompProfile:\n")
		w("      type: RuntimeDefault\n")
	}
	if g.chance(rateK8sInitContainer) {
		w("  initContainers:\n")
		g.container(b, indent+"  ", "migrate", app+"-migrate")
	}
	w("  containers:\n")
	g.container(b, indent+"  ", app, app)
	if g.chance(rateK8sSidecar) {
		g.container(b, indent+"  ", "log-shipper", "fluent-bit")
	}
	w("  volumes:\n")
	w("    - name: tmp\n")
	w("      emptyDir: {}\n")
	if g.chance(rateK8sHostNetwork) {
		w("    - name: docker-sock\n")
		w("      hostPath:\n")
		w("        path: /var/run/docker.sock\n")
	}
}

func (g *k8sGen) container(b *strings.Builder, indent, name, image string) {
	w := func(format string, args ...any) {
		b.WriteString(indent)
		fmt.Fprintf(b, format, args...)
	}
	w("- name: %s\n", name)
	w("  image: %s\n", g.image(image))
	w("  ports:\n")
	w("    - containerPort: %d\n", 8000+g.rng.IntN(1000))
	w("      protocol: TCP\n")
	w("  env:\n")
	w("    - name: APP_NAME\n")
	w("      value: %s\n", name)
	w("    - name: DB_PASSWORD\n")
	w("      valueFrom:\n")
	w("        secretKeyRef:\n")
	w("          name: %s-db\n", name)
	w("          key: password\n")
	w("  resources:\n")
	w("    requests:\n")
	w("      cpu: %dm\n", 50*(1+g.rng.IntN(8)))
	w("      memory: %dMi\n", 64*(1+g.rng.IntN(8)))
	if !g.chance(rateK8sNoLimits) {
		w("    limits:\n")
		w("      cpu: %dm\n", 500*(1+g.rng.IntN(4)))
		w("      memory: %dMi\n", 256*(1+g.rng.IntN(8)))
	}
	w("  securityContext:\n")
	w("    readOnlyRootFilesystem: true\n")
	w("    allowPrivilegeEscalation: %t\n", g.chance(rateK8sEscalation))
	if g.chance(rateK8sPrivileged) {
		w("    privileged: true\n")
	}
	w("    capabilities:\n")
	w("      drop: [\"ALL\"]\n")
	w("  volumeMounts:\n")
	w("    - name: tmp\n")
	w("      mountPath: /tmp\n")
}

func (g *k8sGen) service(b *strings.Builder, ns, app string) {
	typ := "ClusterIP"
	switch r := g.rng.Float64(); {
	case r < rateK8sNodePort:
		typ = "NodePort"
	case r < 0.2:
		typ = "LoadBalancer"
	}
	fmt.Fprintf(b, "apiVersion: v1\nkind: Service\nmetadata:\n  name: %s\n  namespace: %s\nspec:\n  type: %s\n  selector:\n    app.kubernetes.io/name: %s\n  ports:\n    - name: http\n      port: 80\n      targetPort: %d\n",
		app, ns, typ, app, 8000+g.rng.IntN(1000))
	if typ == "LoadBalancer" && !g.chance(rateK8sLBOpen) {
		b.WriteString("  loadBalancerSourceRanges:\n    - 10.0.0.0/8\n    - 192.168.0.0/16\n")
	}
}

func (g *k8sGen) ingress(b *strings.Builder, ns, app string) {
	host := app + "." + ns + ".acme.example"
	fmt.Fprintf(b, "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: %s\n  namespace: %s\n  annotations:\n    nginx.ingress.kubernetes.io/ssl-redirect: \"true\"\nspec:\n  ingressClassName: nginx\n", app, ns)
	if !g.chance(rateK8sIngressNoTLS) {
		fmt.Fprintf(b, "  tls:\n    - hosts:\n        - %s\n      secretName: %s-tls\n", host, app)
	}
	fmt.Fprintf(b, "  rules:\n    - host: %s\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: %s\n                port:\n                  number: 80\n", host, app)
}

func (g *k8sGen) networkPolicy(b *strings.Builder, ns, app string) {
	fmt.Fprintf(b, "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: %s\n  namespace: %s\nspec:\n  podSelector:\n    matchLabels:\n      app.kubernetes.io/name: %s\n  policyTypes: [Ingress, Egress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              team: %s\n  egress:\n    - to:\n        - ipBlock:\n            cidr: 10.0.0.0/8\n", app, ns, app, ns)
}
