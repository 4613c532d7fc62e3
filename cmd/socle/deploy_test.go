package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/socle-dev/socle/providers"
	"github.com/socle-dev/socle/providers/kubernetes"
)

// loadManifests reads deploy/kubernetes with socle's own kubernetes provider,
// as a policy repository's provider "kubernetes" block would: the manifests
// must parse, and the returned document is what policies would see.
func loadManifests(t *testing.T) map[string]any {
	t.Helper()
	root := repoRoot(t)
	f, diags := hclparse.NewParser().ParseHCL([]byte(`snapshot = "deploy/kubernetes"`+"\n"), "deploy.hcl")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	in, diags := kubernetes.Type{}.Configure(f.Body, &hcl.EvalContext{}, providers.Env{FS: os.DirFS(root), Dir: root})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	doc, err := in.Load(context.Background())
	if err != nil {
		t.Fatalf("the kubernetes provider cannot load deploy/kubernetes: %v", err)
	}
	for _, w := range doc.Warnings {
		// Only the files that are not manifests (the Dockerfile, the README).
		if !strings.Contains(w.Error(), "Dockerfile") && !strings.Contains(w.Error(), "README.md") {
			t.Errorf("warning: %v", w)
		}
	}
	b, _ := json.Marshal(doc.Value)
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// at walks a JSON value by keys and list indexes ("0").
func at(v any, path ...string) any {
	for _, p := range path {
		switch x := v.(type) {
		case map[string]any:
			v = x[p]
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

func object(t *testing.T, doc map[string]any, key string) map[string]any {
	t.Helper()
	e, ok := at(doc, "by_key", key).(map[string]any)
	if !ok {
		t.Fatalf("no %s in deploy/kubernetes", key)
	}
	return e["object"].(map[string]any)
}

func strs(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

// TestKubernetesManifests loads deploy/kubernetes with socle's kubernetes
// provider and checks the wiring: an Indexed Job with completions ==
// parallelism == the N of --shard, the completion index and the Job's name
// passed as shard and run group, the store DSN and credentials from Secrets
// and the repository from the ConfigMap (every key they name exists), a
// read-only service account (get, list, watch; no secrets). Then it runs
// the container's arguments, for every index, with the real binary on a
// generated repository: one complete run group, verified.
func TestKubernetesManifests(t *testing.T) {
	doc := loadManifests(t)
	cron := object(t, doc, "CronJob/socle/socle-eval")
	job := at(cron, "spec", "jobTemplate", "spec").(map[string]any)
	if job["completionMode"] != "Indexed" {
		t.Errorf("completionMode %v, want Indexed", job["completionMode"])
	}
	completions, parallelism := at(job, "completions"), at(job, "parallelism")
	n, ok := completions.(float64)
	if !ok || n < 2 || parallelism != completions {
		t.Fatalf("completions %v, parallelism %v: want equal, at least 2", completions, parallelism)
	}
	if at(job, "backoffLimit") != 0.0 {
		t.Errorf("backoffLimit %v: a retried shard would be recorded twice", at(job, "backoffLimit"))
	}
	pod := at(job, "template", "spec").(map[string]any)
	if pod["restartPolicy"] != "Never" || pod["serviceAccountName"] != "socle-collector" {
		t.Errorf("pod: restartPolicy %v, serviceAccountName %v", pod["restartPolicy"], pod["serviceAccountName"])
	}
	var socle map[string]any
	for _, c := range at(pod, "containers").([]any) {
		if c.(map[string]any)["name"] == "socle" {
			socle = c.(map[string]any)
		}
	}
	if socle == nil {
		t.Fatal("no container socle")
	}
	args := strs(socle["args"])
	i := slices.Index(args, "--shard")
	if i < 0 || args[0] != "eval" || !slices.Contains(args, "--record") || !slices.Contains(args, "--run-group") {
		t.Fatalf("args %q: want eval … --shard … --run-group … --record", args)
	}
	if want := fmt.Sprintf("$(JOB_COMPLETION_INDEX)/%d", int(n)); args[i+1] != want {
		t.Errorf("--shard %s, want %s (completions)", args[i+1], want)
	}
	if g := args[slices.Index(args, "--run-group")+1]; g != "$(SOCLE_RUN_GROUP)" {
		t.Errorf("--run-group %s", g)
	}
	env := map[string]map[string]any{}
	for _, e := range socle["env"].([]any) {
		env[e.(map[string]any)["name"].(string)] = e.(map[string]any)
	}
	if p := at(env["JOB_COMPLETION_INDEX"], "valueFrom", "fieldRef", "fieldPath"); p != "metadata.annotations['batch.kubernetes.io/job-completion-index']" {
		t.Errorf("JOB_COMPLETION_INDEX from %v", p)
	}
	if p := at(env["SOCLE_RUN_GROUP"], "valueFrom", "fieldRef", "fieldPath"); p != "metadata.labels['batch.kubernetes.io/job-name']" {
		t.Errorf("SOCLE_RUN_GROUP from %v", p)
	}
	if at(env["SOCLE_STORE"], "valueFrom", "secretKeyRef", "name") != "socle-store" {
		t.Errorf("SOCLE_STORE: %v", env["SOCLE_STORE"])
	}

	// Every Secret and ConfigMap key a container names exists.
	var refs [][3]string // kind, name, key
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, kind := range []string{"secretKeyRef", "configMapKeyRef"} {
				if r, ok := x[kind].(map[string]any); ok {
					refs = append(refs, [3]string{kind, r["name"].(string), r["key"].(string)})
				}
			}
			if r, ok := at(x, "secretRef", "name").(string); ok {
				refs = append(refs, [3]string{"secretRef", r, ""})
			}
			for _, y := range x {
				walk(y)
			}
		case []any:
			for _, y := range x {
				walk(y)
			}
		}
	}
	for _, kind := range []string{"CronJob"} {
		for _, e := range at(doc, "by_kind", kind).([]any) {
			walk(e.(map[string]any)["object"])
		}
	}
	if len(refs) < 4 {
		t.Errorf("references to Secrets and ConfigMaps: %v", refs)
	}
	for _, r := range refs {
		kind := "Secret"
		if r[0] == "configMapKeyRef" {
			kind = "ConfigMap"
		}
		o := object(t, doc, kind+"/socle/"+r[1])
		if r[2] == "" {
			continue
		}
		// The provider masks a Secret's values, never its keys.
		_, inData := at(o, "data", r[2]).(string)
		_, inString := at(o, "stringData", r[2]).(string)
		if !inData && !inString {
			t.Errorf("%s %s has no key %s", kind, r[1], r[2])
		}
	}

	// RBAC: read-only, bound to the job's service account.
	object(t, doc, "ServiceAccount/socle/socle-collector")
	role := object(t, doc, "ClusterRole//socle-read-only")
	for _, rule := range role["rules"].([]any) {
		for _, v := range strs(at(rule, "verbs")) {
			if v != "get" && v != "list" && v != "watch" {
				t.Errorf("ClusterRole socle-read-only allows %q", v)
			}
		}
		for _, res := range strs(at(rule, "resources")) {
			if res == "secrets" || res == "configmaps" || res == "*" || strings.Contains(res, "/") {
				t.Errorf("ClusterRole socle-read-only reaches %q", res)
			}
		}
	}
	for _, kind := range []string{"Role", "ClusterRole"} {
		if list, ok := at(doc, "by_kind", kind).([]any); ok && len(list) != map[string]int{"Role": 0, "ClusterRole": 1}[kind] {
			t.Errorf("%d %s objects: only socle-read-only is expected", len(list), kind)
		}
	}
	binding := object(t, doc, "ClusterRoleBinding//socle-read-only")
	if at(binding, "roleRef", "name") != "socle-read-only" || at(binding, "subjects", "0", "name") != "socle-collector" || at(binding, "subjects", "0", "namespace") != "socle" {
		t.Errorf("ClusterRoleBinding: %v", binding)
	}

	// The container's arguments, as the kubelet expands them, for every
	// index: a complete, verified run group.
	dir := scaleRepo(t, 12, 6)
	store := "sqlite://" + filepath.Join(t.TempDir(), "evidence.db")
	for idx := range int(n) {
		a := make([]string, len(args))
		for j, s := range args {
			s = strings.ReplaceAll(s, "$(JOB_COMPLETION_INDEX)", strconv.Itoa(idx))
			s = strings.ReplaceAll(s, "$(SOCLE_RUN_GROUP)", "socle-eval-29412345")
			a[j] = strings.ReplaceAll(s, "/work/repo", dir)
		}
		if r := socleEnv(t, dir, []string{"SOCLE_STORE=" + store}, a...); r.code != 0 || !strings.Contains(r.stderr, "Recorded run") {
			t.Fatalf("socle %s: exit %d\n%s", strings.Join(a, " "), r.code, r.stderr)
		}
	}
	// A pod retried after its shard was recorded records nothing.
	retry := make([]string, len(args))
	for j, s := range args {
		s = strings.ReplaceAll(s, "$(JOB_COMPLETION_INDEX)", "0")
		s = strings.ReplaceAll(s, "$(SOCLE_RUN_GROUP)", "socle-eval-29412345")
		retry[j] = strings.ReplaceAll(s, "/work/repo", dir)
	}
	if r := socleEnv(t, dir, []string{"SOCLE_STORE=" + store}, retry...); r.code != 2 || !strings.Contains(r.stderr, `shard 0/16 of run group "socle-eval-29412345" is already recorded`) {
		t.Errorf("a retried shard: exit %d\n%s", r.code, r.stderr)
	}
	r := socleEnv(t, dir, []string{"SOCLE_STORE=" + store}, "evidence", "list", "--groups")
	if want := fmt.Sprintf("%d of %d", int(n), int(n)); r.code != 0 || !strings.Contains(r.stdout, "socle-eval-29412345") || !strings.Contains(r.stdout, want) {
		t.Errorf("evidence list --groups: exit %d, want %q\n%s%s", r.code, want, r.stdout, r.stderr)
	}
	verify := object(t, doc, "CronJob/socle/socle-verify")
	vargs := strs(at(verify, "spec", "jobTemplate", "spec", "template", "spec", "containers", "0", "args"))
	if r := socleEnv(t, t.TempDir(), []string{"SOCLE_STORE=" + store}, vargs...); r.code != 0 || !strings.Contains(r.stdout, fmt.Sprintf("is intact: %d runs, 72 records", int(n))) {
		t.Errorf("socle %s: exit %d\n%s%s", strings.Join(vargs, " "), r.code, r.stdout, r.stderr)
	}
}

// shardedWorkflow is deploy/github-actions/socle-sharded.yml, read strictly.
type shardedWorkflow struct {
	Name        string            `yaml:"name"`
	On          map[string]any    `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Env         map[string]string `yaml:"env"`
	Jobs        map[string]struct {
		RunsOn   string `yaml:"runs-on"`
		Needs    string `yaml:"needs"`
		If       string `yaml:"if"`
		Strategy struct {
			FailFast *bool `yaml:"fail-fast"`
			Matrix   struct {
				Shard []int `yaml:"shard"`
			} `yaml:"matrix"`
		} `yaml:"strategy"`
		Steps []ghStep `yaml:"steps"`
	} `yaml:"jobs"`
}

// TestShardedWorkflow checks deploy/github-actions/socle-sharded.yml's wiring
// (a schedule, a matrix over every shard 0…N-1 with N = SOCLE_SHARDS, each
// job recording its shard into the store from the secret, a final job after
// all of them that merges, verifies and uploads the report), then runs its
// steps as the runner would: every matrix job into one real PostgreSQL store,
// then the final job on their artifacts; and the final job again with a
// shard's artifact missing, which must turn it red.
func TestShardedWorkflow(t *testing.T) {
	var w shardedWorkflow
	readYAML(t, filepath.Join(repoRoot(t), "deploy", "github-actions", "socle-sharded.yml"), &w)
	if _, ok := w.On["schedule"]; !ok {
		t.Errorf("on: %v, want a schedule", w.On)
	}
	if w.Permissions["contents"] != "read" || len(w.Permissions) != 1 {
		t.Errorf("permissions %v", w.Permissions)
	}
	n, err := strconv.Atoi(w.Env["SOCLE_SHARDS"])
	if err != nil || n < 2 {
		t.Fatalf("SOCLE_SHARDS %q", w.Env["SOCLE_SHARDS"])
	}
	shard, merge := w.Jobs["shard"], w.Jobs["merge"]
	if want := slices.Collect(func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}); !slices.Equal(shard.Strategy.Matrix.Shard, want) {
		t.Errorf("matrix.shard %v, want %v (SOCLE_SHARDS = %d)", shard.Strategy.Matrix.Shard, want, n)
	}
	if shard.Strategy.FailFast == nil || *shard.Strategy.FailFast {
		t.Error("fail-fast must be false: one shard's failure must not cancel the others' recording")
	}
	_, eval := findStep(t, shard.Steps, "eval")
	if eval.Env["SHARD"] != "${{ matrix.shard }}" || eval.Env["SOCLE_STORE"] != "${{ secrets.SOCLE_STORE }}" ||
		!strings.Contains(eval.Run, `--shard "$SHARD/$SOCLE_SHARDS" --record`) {
		t.Errorf("eval step: env %v\n%s", eval.Env, eval.Run)
	}
	if merge.Needs != "shard" || merge.If != "always()" {
		t.Errorf("merge job: needs %q, if %q", merge.Needs, merge.If)
	}
	_, m := findStep(t, merge.Steps, "merge")
	_, v := findStep(t, merge.Steps, "verify")
	if !strings.Contains(m.Run, "socle merge") || !strings.Contains(v.Run, "socle evidence verify") || !strings.Contains(v.Run, "socle report") {
		t.Errorf("merge job steps:\n%s\n%s", m.Run, v.Run)
	}

	// Run it.
	ws := scaleRepo(t, 20, 6)
	store := postgresStore(t)
	stubDir := stubs(t)
	artifacts := t.TempDir()
	runner := func() *fakeRunner {
		r := newFakeRunner(t, ws)
		r.path = []string{stubDir}
		for k, v := range w.Env {
			r.env[k] = v
		}
		r.env["GITHUB_RUN_ID"], r.env["GITHUB_RUN_ATTEMPT"], r.env["GITHUB_EVENT_NAME"] = "4242", "1", "schedule"
		r.exprs = map[string]string{"github.run_id": "4242", "runner.temp": r.env["RUNNER_TEMP"], "secrets.SOCLE_STORE": store}
		return r
	}
	for _, i := range shard.Strategy.Matrix.Shard {
		r := runner()
		r.exprs["matrix.shard"] = strconv.Itoa(i)
		r.runJob(shard.Steps)
		if got := r.outputs["eval"]["exit-code"]; got != "0" && got != "1" {
			t.Fatalf("shard %d: eval exit-code %q\n%s", i, got, r.ran["eval"].stderr)
		}
		if len(r.used) != 2 || r.used[1].Uses != "actions/upload-artifact@v4" || r.used[1].With["name"] != fmt.Sprintf("socle-shard-%d", i) {
			t.Fatalf("shard %d: actions used %+v", i, r.used)
		}
		b, err := os.ReadFile(r.used[1].With["path"])
		if err != nil {
			t.Fatalf("shard %d: its artifact: %v", i, err)
		}
		writeFile(t, filepath.Join(artifacts, filepath.Base(r.used[1].With["path"])), b)
	}

	final := func(skip string) *fakeRunner {
		r := runner()
		// actions/download-artifact with merge-multiple: every shard's file in one directory.
		dl := filepath.Join(r.env["RUNNER_TEMP"], "socle", "shards")
		entries, _ := os.ReadDir(artifacts)
		for _, e := range entries {
			if e.Name() != skip {
				b, _ := os.ReadFile(filepath.Join(artifacts, e.Name()))
				writeFile(t, filepath.Join(dl, e.Name()), b)
			}
		}
		r.runJob(merge.Steps)
		if len(r.used) < 2 || r.used[1].Uses != "actions/download-artifact@v4" || r.used[1].With["path"] != dl {
			t.Fatalf("actions used %+v", r.used)
		}
		return r
	}
	r := final("")
	if got := r.outputs["merge"]["exit-code"]; got != "1" { // the fixture fails a control
		t.Errorf("merge: exit-code %q\n%s", got, r.ran["merge"].stderr)
	}
	if res := r.ran["verify"]; res.code != 0 || !strings.Contains(res.stdout, fmt.Sprintf("is intact: %d runs, 120 records", n)) ||
		!strings.Contains(res.stdout, fmt.Sprintf("4242-1  %d     %d of %d", n, n, n)) {
		t.Errorf("verify: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if got := r.ran["Verdict"].code; got != 1 {
		t.Errorf("verdict: exit %d, want 1", got)
	}
	if !strings.Contains(r.summary(), "### socle: ❌") || !strings.Contains(r.summary(), "80 passed · 40 failed") {
		t.Errorf("job summary:\n%s", r.summary())
	}
	up := r.used[len(r.used)-1]
	for _, f := range []string{"results.json", "junit.xml", "summary.md", "report.html"} {
		if fi, err := os.Stat(filepath.Join(up.With["path"], f)); err != nil || fi.Size() == 0 {
			t.Errorf("artifact %s: %v", f, err)
		}
	}
	merged := readDoc(t, filepath.Join(up.With["path"], "results.json"))
	if len(merged.Results) != 120 || merged.Run.RunGroup != "4242-1" || len(merged.Run.ShardRuns) != n {
		t.Errorf("merged: %d results, run %+v", len(merged.Results), merged.Run)
	}

	r = final("shard-3.json")
	if got := r.outputs["merge"]["exit-code"]; got != "2" || !strings.Contains(r.ran["merge"].stderr, fmt.Sprintf(`shard 3/%d of run group "4242-1" is missing`, n)) {
		t.Errorf("merge without shard 3: exit-code %q\n%s", got, r.ran["merge"].stderr)
	}
	if got := r.ran["Verdict"].code; got != 2 {
		t.Errorf("verdict without shard 3: exit %d, want 2", got)
	}
}
