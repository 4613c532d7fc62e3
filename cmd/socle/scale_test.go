package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// scaleRepo writes a policy repository of controls × targets pairs: one
// counted control block of that many instances, each on every one of the
// targets (file instances t000…, each a distinct snapshot of a few users,
// one in five with a user without MFA).
func scaleRepo(t testing.TB, controls, targets int) string {
	t.Helper()
	return scaleRepoUsers(t, controls, targets, 5)
}

// scaleRepoUsers is scaleRepo with that many users in each snapshot (the
// population of every control).
func scaleRepoUsers(t testing.TB, controls, targets, usersPer int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "repo")
	var hcl strings.Builder
	hcl.WriteString("socle {\n  organization = \"Scale test\"\n  timeout      = \"1m\"\n}\n\n")
	hcl.WriteString("objective \"access\" {\n  ref   = \"CO-1\"\n  title = \"Logical access\"\n  coso  = [10, 11]\n}\n\n")
	var list []string
	for i := range targets {
		name := fmt.Sprintf("t%03d", i)
		list = append(list, "file."+name)
		fmt.Fprintf(&hcl, "provider \"file\" {\n  alias    = %q\n  snapshot = \"snapshots/%s.json\"\n}\n\n", name, name)
		var users []map[string]any
		for u := range usersPer {
			users = append(users, map[string]any{"id": fmt.Sprintf("%s-user-%d", name, u), "mfa": !(i%5 == 0 && u == usersPer-1)})
		}
		b, _ := json.Marshal(users)
		writeFile(t, filepath.Join(dir, "snapshots", name+".json"), b)
	}
	fmt.Fprintf(&hcl, `control "check" {
  count     = %d
  ref       = "1.${count.index}"
  objective = objective.access
  title     = "MFA check ${count.index}"
  policy    = "scale.users"
  providers = [%s]
  severity  = "low"
}
`, controls, strings.Join(list, ", "))
	writeFile(t, filepath.Join(dir, "main.hcl"), []byte(hcl.String()))
	writeFile(t, filepath.Join(dir, "policies", "users.rego"), []byte(`package scale.users

resources contains u.id if some u in input.file.content

deny contains {"resource": u.id, "message": sprintf("%s has no MFA", [u.id])} if {
	some u in input.file.content
	not u.mfa
}
`))
	return dir
}

func writeFile(t testing.TB, path string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// resultDoc is the part of a result document these tests read.
type resultDoc struct {
	Run struct {
		ID           string `json:"id"`
		PolicySHA256 string `json:"policy_sha256"`
		RunGroup     string `json:"run_group"`
		Shard        *struct {
			Index int `json:"index"`
			Count int `json:"count"`
		} `json:"shard"`
		ShardRuns []string `json:"shard_runs"`
	} `json:"run"`
	Results []map[string]any `json:"results"`
	Summary map[string]int   `json:"summary"`
}

func readDoc(t *testing.T, path string) resultDoc {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var d resultDoc
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for _, r := range d.Results {
		delete(r, "duration_ms") // the one field that differs between runs
	}
	return d
}

func pairsOf(d resultDoc) []string {
	var out []string
	for _, r := range d.Results {
		out = append(out, r["control"].(map[string]any)["label"].(string)+" on "+r["target"].(string))
	}
	return out
}

// TestShardMerge evaluates a repository whole and in 4 shards: the shards
// partition the pairs, socle merge gives back the whole run's results (and
// its SARIF and Markdown), socle diff sees no change between them, and merge
// refuses what is not one complete run, naming the files and writing nothing.
func TestShardMerge(t *testing.T) {
	dir := scaleRepo(t, 30, 8)
	out := t.TempDir()
	p := func(name string) string { return filepath.Join(out, name) }
	r := socleEnv(t, dir, nil, "eval", ".", "--no-cache", "--format", "json", "-o", p("whole.json"),
		"--format", "sarif="+p("whole.sarif"), "--format", "markdown="+p("whole.md"))
	if r.code != 1 {
		t.Fatalf("eval: exit %d\n%s", r.code, r.stderr)
	}
	whole := readDoc(t, p("whole.json"))
	if len(whole.Results) != 240 {
		t.Fatalf("%d results, want 240", len(whole.Results))
	}
	const n = 4
	var shardFiles []string
	seen := map[string]int{}
	for i := range n {
		f := p(fmt.Sprintf("shard-%d.json", i))
		shardFiles = append(shardFiles, f)
		r := socleEnv(t, dir, []string{"SOCLE_RUN_GROUP=", "GITHUB_RUN_ID=", "CI_PIPELINE_ID="}, "eval", ".", "--no-cache", "--shard", fmt.Sprintf("%d/%d", i, n), "--run-group", "nightly-7", "--format", "json", "-o", f)
		if r.code != 0 && r.code != 1 {
			t.Fatalf("eval --shard %d/%d: exit %d\n%s", i, n, r.code, r.stderr)
		}
		d := readDoc(t, f)
		if d.Run.Shard == nil || d.Run.Shard.Index != i || d.Run.Shard.Count != n || d.Run.RunGroup != "nightly-7" || d.Run.PolicySHA256 != whole.Run.PolicySHA256 {
			t.Errorf("shard %d: run %+v", i, d.Run)
		}
		if len(d.Results) == 0 || len(d.Results) == len(whole.Results) {
			t.Errorf("shard %d holds %d of %d results", i, len(d.Results), len(whole.Results))
		}
		for _, pr := range pairsOf(d) {
			seen[pr]++
		}
		// socle plan --shard shows what the shard evaluates.
		if r := socleEnv(t, dir, nil, "plan", ".", "--shard", fmt.Sprintf("%d/%d", i, n)); r.code != 0 ||
			!strings.Contains(r.stdout, fmt.Sprintf("\n%d to evaluate, %d skipped.", len(d.Results), len(whole.Results)-len(d.Results))) {
			t.Errorf("plan --shard %d/%d: exit %d, want %d to evaluate\n%s", i, n, r.code, len(d.Results), r.stderr)
		}
	}
	for _, pr := range pairsOf(whole) {
		if seen[pr] != 1 {
			t.Errorf("%s is in %d shards", pr, seen[pr])
		}
	}
	if len(seen) != len(whole.Results) {
		t.Errorf("the shards hold %d pairs, the whole run %d", len(seen), len(whole.Results))
	}

	// Given in any order.
	args := append([]string{"merge", "--format", "json=" + p("merged.json"), "--format", "sarif=" + p("merged.sarif"), "--format", "markdown=" + p("merged.md")}, shardFiles[2], shardFiles[0], shardFiles[3], shardFiles[1])
	if r := socleEnv(t, dir, nil, args...); r.code != 0 || !strings.Contains(r.stderr, `Merged 4 shards of run group "nightly-7": 240 results.`) {
		t.Fatalf("merge: exit %d\n%s", r.code, r.stderr)
	}
	merged := readDoc(t, p("merged.json"))
	gotJSON, _ := json.Marshal(merged.Results)
	wantJSON, _ := json.Marshal(whole.Results)
	if !bytes.Equal(gotJSON, wantJSON) || fmt.Sprint(merged.Summary) != fmt.Sprint(whole.Summary) {
		t.Errorf("the merged results differ from the whole run's (summary %v, want %v)", merged.Summary, whole.Summary)
	}
	if merged.Run.ID != "nightly-7" || merged.Run.Shard != nil || len(merged.Run.ShardRuns) != n {
		t.Errorf("merged run %+v", merged.Run)
	}
	for _, ext := range []string{"sarif", "md"} {
		a, _ := os.ReadFile(p("whole." + ext))
		b, _ := os.ReadFile(p("merged." + ext))
		if !bytes.Equal(normalizeRun(a, whole.Run.ID), normalizeRun(b, merged.Run.ID)) {
			t.Errorf("merged.%s differs from whole.%s beyond the run id and times:\n%s", ext, ext, lineDiff(string(normalizeRun(b, merged.Run.ID)), string(normalizeRun(a, whole.Run.ID))))
		}
	}
	r = socleEnv(t, dir, nil, "diff", p("whole.json"), p("merged.json"), "--format", "json")
	var rep struct {
		Counts map[string]int `json:"counts"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); r.code != 0 || err != nil {
		t.Fatalf("diff whole merged: exit %d, %v\n%s%s", r.code, err, r.stdout, r.stderr)
	}
	if rep.Counts["still_failing"] == 0 {
		t.Errorf("diff of the whole run and the merged shards: counts %v, want the failures still failing", rep.Counts)
	}
	for k, v := range rep.Counts {
		if v != 0 && k != "still_failing" && k != "unchanged" {
			t.Errorf("diff of the whole run and the merged shards: %d %s", v, k)
		}
	}
	if r := socleEnv(t, dir, nil, "diff", p("whole.json"), shardFiles[1]); r.code != 2 || !strings.Contains(r.stderr, "is the result of shard 1/4 of a run: merge the shards' results first") {
		t.Errorf("diff against a shard: exit %d\n%s", r.code, r.stderr)
	}

	// Refusals.
	other := p("other-group.json")
	if r := socleEnv(t, dir, nil, "eval", ".", "--no-cache", "--shard", "3/4", "--run-group", "nightly-8", "--format", "json", "-o", other); r.code > 1 {
		t.Fatal(r.stderr)
	}
	three := p("three.json")
	if r := socleEnv(t, dir, nil, "eval", ".", "--no-cache", "--shard", "2/3", "--run-group", "nightly-7", "--format", "json", "-o", three); r.code > 1 {
		t.Fatal(r.stderr)
	}
	for _, c := range []struct {
		name  string
		files []string
		want  []string
	}{
		{"missing", shardFiles[:3], []string{`shard 3/4 of run group "nightly-7" is missing`}},
		{"overlap", append(slices.Clone(shardFiles), shardFiles[0]), []string{"is named twice"}},
		{"group", append(slices.Clone(shardFiles[:3]), other), []string{shardFiles[0] + " and " + other + ` have different run groups ("nightly-7", "nightly-8")`}},
		{"count", append(slices.Clone(shardFiles), three), []string{shardFiles[0] + " and " + three + ` have different shard counts ("4", "3")`}},
		{"not a shard", append(slices.Clone(shardFiles), p("whole.json")), []string{p("whole.json") + " is not a shard's result"}},
		{"merged", []string{p("merged.json")}, []string{p("merged.json") + " is already a merged result"}},
		{"not json", []string{p("whole.md")}, []string{p("whole.md") + " is not a socle result document"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dst := p("refused-" + strings.ReplaceAll(c.name, " ", "-") + ".json")
			r := socleEnv(t, dir, nil, append([]string{"merge", "-o", dst}, c.files...)...)
			if r.code != 2 {
				t.Errorf("exit %d, want 2\n%s", r.code, r.stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
				}
			}
			if _, err := os.Stat(dst); !os.IsNotExist(err) {
				t.Errorf("a refused merge wrote %s", dst)
			}
		})
	}
	if r := socleEnv(t, dir, nil, append([]string{"merge", "--format", "evidence=" + p("ev.jsonl")}, shardFiles...)...); r.code != 2 || !strings.Contains(r.stderr, "cannot write the evidence format") {
		t.Errorf("merge --format evidence: exit %d\n%s", r.code, r.stderr)
	}
	// A policy changed between shards.
	pol := filepath.Join(dir, "policies", "users.rego")
	src, _ := os.ReadFile(pol)
	writeFile(t, pol, append(src, []byte("\n# changed\n")...))
	changed := p("changed.json")
	if r := socleEnv(t, dir, nil, "eval", ".", "--no-cache", "--shard", "3/4", "--run-group", "nightly-7", "--format", "json", "-o", changed); r.code > 1 {
		t.Fatal(r.stderr)
	}
	if r := socleEnv(t, dir, nil, append([]string{"merge"}, append(slices.Clone(shardFiles[:3]), changed)...)...); r.code != 2 || !strings.Contains(r.stderr, "have different policy hashes") || !strings.Contains(r.stderr, changed) {
		t.Errorf("merge across a policy change: exit %d\n%s", r.code, r.stderr)
	}
	// A shard without a run group is refused before any work.
	if r := socleEnv(t, dir, []string{"SOCLE_RUN_GROUP=", "GITHUB_RUN_ID=", "CI_PIPELINE_ID="}, "eval", ".", "--shard", "1/4"); r.code != 2 || !strings.Contains(r.stderr, "--shard 1/4 needs a run group") {
		t.Errorf("eval --shard without a group: exit %d\n%s", r.code, r.stderr)
	}
	if r := socleEnv(t, dir, []string{"GITHUB_RUN_ID=991", "GITHUB_RUN_ATTEMPT=2", "SOCLE_RUN_GROUP="}, "eval", ".", "--no-cache", "--shard", "1/4", "--format", "json", "-o", p("gh.json")); r.code > 1 {
		t.Fatal(r.stderr)
	} else if g := readDoc(t, p("gh.json")).Run.RunGroup; g != "991-2" {
		t.Errorf("run group from GitHub's variables: %q, want 991-2", g)
	}
	if r := socleEnv(t, dir, nil, "eval", ".", "--shard", "1/4", "--run-group", "a\nb"); r.code != 2 || !strings.Contains(r.stderr, "without control characters") {
		t.Errorf("--run-group with a newline: exit %d\n%s", r.code, r.stderr)
	}
	for _, bad := range []string{"4/4", "a/4", "1/0"} {
		if r := socleEnv(t, dir, nil, "eval", ".", "--shard", bad, "--run-group", "g"); r.code != 2 || !strings.Contains(r.stderr, "--shard: invalid shard") {
			t.Errorf("--shard %s: exit %d\n%s", bad, r.code, r.stderr)
		}
	}
}

// normalizeRun blanks what differs between two runs of the same results in
// a rendered report: the run id and timestamps.
func normalizeRun(b []byte, runID string) []byte {
	b = bytes.ReplaceAll(b, []byte(runID), []byte("RUN"))
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		for _, k := range []string{"startTimeUtc", "endTimeUtc", "As of", "as of", "duration", "Duration", "timeUtc", "T0", "Z\""} {
			if strings.Contains(l, k) {
				lines[i] = "<time>"
			}
		}
	}
	return []byte(strings.Join(lines, "\n"))
}
