package main

// The GitHub Action (action.yml, action/run.sh) and the example workflows
// (examples/workflows) are exercised here by running their steps the way the runner
// does: each run: script in bash with the step's env (expressions resolved), fresh
// GITHUB_OUTPUT, GITHUB_ENV and GITHUB_PATH files read back after the step, in a
// workspace of its own. Steps that use another action are recorded, not run. `go` and
// `gh` are stubs on PATH: the stub go "builds" socle by linking the binary TestMain
// built, so nothing is rebuilt and nothing is downloaded.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// ghStep is a step of a composite action or of a workflow job.
type ghStep struct {
	ID              string            `yaml:"id"`
	Name            string            `yaml:"name"`
	If              string            `yaml:"if"`
	Uses            string            `yaml:"uses"`
	Shell           string            `yaml:"shell"`
	Run             string            `yaml:"run"`
	WorkingDir      string            `yaml:"working-directory"`
	ContinueOnError bool              `yaml:"continue-on-error"`
	With            map[string]string `yaml:"with"`
	Env             map[string]string `yaml:"env"`
}

func (s ghStep) key() string {
	if s.ID != "" {
		return s.ID
	}
	return s.Name
}

type actionFile struct {
	Name        string            `yaml:"name"`
	Description string            `yaml:"description"`
	Author      string            `yaml:"author"`
	Branding    map[string]string `yaml:"branding"`
	Inputs      map[string]struct {
		Description string `yaml:"description"`
		Required    bool   `yaml:"required"`
		Default     string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Description string `yaml:"description"`
		Value       string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string   `yaml:"using"`
		Steps []ghStep `yaml:"steps"`
	} `yaml:"runs"`
}

type workflowFile struct {
	Name        string            `yaml:"name"`
	On          map[string]any    `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Env         map[string]string `yaml:"env"`
	Jobs        map[string]struct {
		RunsOn string   `yaml:"runs-on"`
		Steps  []ghStep `yaml:"steps"`
	} `yaml:"jobs"`
}

// readYAML decodes a file strictly: a key the models above do not know (a typo
// such as continue-on-eror) fails the test.
func readYAML(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func readAction(t *testing.T) actionFile {
	t.Helper()
	var a actionFile
	readYAML(t, filepath.Join(repoRoot(t), "action.yml"), &a)
	return a
}

func findStep(t *testing.T, steps []ghStep, key string) (int, ghStep) {
	t.Helper()
	for i, s := range steps {
		if s.key() == key {
			return i, s
		}
	}
	t.Fatalf("no step %q", key)
	return -1, ghStep{}
}

func TestActionDefinition(t *testing.T) {
	a := readAction(t)
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", a.Runs.Using)
	}
	defaults := map[string]string{"directory": ".", "fail-on": "low", "sarif-file": "socle.sarif", "upload-sarif": "true", "extra-args": ""}
	for name, def := range defaults {
		in, ok := a.Inputs[name]
		if !ok {
			t.Errorf("no input %q", name)
			continue
		}
		if in.Default != def || in.Required || in.Description == "" {
			t.Errorf("input %q: default %q (want %q), required %v, description %q", name, in.Default, def, in.Required, in.Description)
		}
	}
	if len(a.Inputs) != len(defaults) {
		t.Errorf("inputs %v, want exactly %v", a.Inputs, defaults)
	}
	for name, step := range map[string]string{"exit-code": "eval", "sarif-file": "eval"} {
		if got, want := a.Outputs[name].Value, "${{ steps."+step+".outputs."+name+" }}"; got != want {
			t.Errorf("output %q = %q, want %q", name, got, want)
		}
	}

	steps := a.Runs.Steps
	iBuild, build := findStep(t, steps, "build")
	iEval, ev := findStep(t, steps, "eval")
	iUpload, up := findStep(t, steps, "upload")
	iFinish, fin := findStep(t, steps, "finish")
	if !(iBuild < iEval && iEval < iUpload && iUpload < iFinish) || len(steps) != 4 {
		t.Fatalf("steps: build %d, eval %d, upload %d, finish %d of %d", iBuild, iEval, iUpload, iFinish, len(steps))
	}
	for mode, s := range map[string]ghStep{"build": build, "eval": ev, "finish": fin} {
		if want := `bash "$GITHUB_ACTION_PATH/action/run.sh" ` + mode; s.Run != want || s.Shell != "bash" {
			t.Errorf("step %q: shell %q, run %q; want bash, %q", s.key(), s.Shell, s.Run, want)
		}
	}
	for _, s := range steps {
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %q interpolates an expression into its script (script injection): %q", s.key(), s.Run)
		}
	}
	// Every input but upload-sarif reaches the script through env, whole.
	for env, input := range map[string]string{"SOCLE_DIRECTORY": "directory", "SOCLE_FAIL_ON": "fail-on", "SOCLE_SARIF_FILE": "sarif-file", "SOCLE_EXTRA_ARGS": "extra-args"} {
		if got, want := ev.Env[env], "${{ inputs."+input+" }}"; got != want {
			t.Errorf("eval step env %s = %q, want %q", env, got, want)
		}
	}
	if got := ev.Env["SOCLE_BIN"]; got != "${{ steps.build.outputs.bin }}" {
		t.Errorf("eval step env SOCLE_BIN = %q", got)
	}
	if ev.If != "" || ev.ContinueOnError {
		t.Errorf("eval step: if %q, continue-on-error %v; it never fails on a verdict, it must not hide its own failure", ev.If, ev.ContinueOnError)
	}

	if up.Uses != "github/codeql-action/upload-sarif@v3" {
		t.Errorf("upload step uses %q", up.Uses)
	}
	if !strings.HasPrefix(up.If, "always() && inputs.upload-sarif == 'true'") {
		t.Errorf("upload step if: %q", up.If)
	}
	if got := up.With["sarif_file"]; got != "${{ steps.eval.outputs.sarif-file }}" {
		t.Errorf("upload step sarif_file = %q", got)
	}
	if fin.If != "always()" || fin.Env["SOCLE_EXIT_CODE"] != "${{ steps.eval.outputs.exit-code }}" {
		t.Errorf("finish step: if %q, env %v", fin.If, fin.Env)
	}

	out, err := exec.Command("bash", "-n", filepath.Join(repoRoot(t), "action", "run.sh")).CombinedOutput()
	if err != nil {
		t.Errorf("bash -n action/run.sh: %v\n%s", err, out)
	}
}

// fakeRunner runs the steps of one job as a GitHub-hosted runner would.
type fakeRunner struct {
	t         *testing.T
	workspace string
	env       map[string]string            // the job's environment, over this process's
	exprs     map[string]string            // ${{ }} expressions other than steps.ID.outputs.NAME
	outputs   map[string]map[string]string // step id → outputs
	path      []string                     // prepended to PATH: GITHUB_PATH additions, newest first, and the stubs
	ran       map[string]stepRun           // step key → what happened
	used      []ghStep                     // steps using another action that would have run, with expanded inputs
}

type stepRun struct {
	code   int
	stdout string
	stderr string
}

func newFakeRunner(t *testing.T, workspace string) *fakeRunner {
	t.Helper()
	temp := t.TempDir()
	summary := filepath.Join(temp, "step-summary.md")
	if err := os.WriteFile(summary, []byte("previous step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return &fakeRunner{
		t:         t,
		workspace: workspace,
		env: map[string]string{
			"CI":                  "true",
			"GITHUB_ACTIONS":      "true",
			"GITHUB_WORKSPACE":    workspace,
			"RUNNER_TEMP":         filepath.Join(temp, "runner-temp"),
			"GITHUB_STEP_SUMMARY": summary,
			"GIT_CONFIG_GLOBAL":   os.DevNull,
			"GIT_CONFIG_NOSYSTEM": "1",
		},
		exprs:   map[string]string{},
		outputs: map[string]map[string]string{},
		ran:     map[string]stepRun{},
	}
}

func (r *fakeRunner) summary() string {
	b, err := os.ReadFile(r.env["GITHUB_STEP_SUMMARY"])
	if err != nil {
		r.t.Fatal(err)
	}
	return string(b)
}

var exprRE = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

func (r *fakeRunner) expand(s string) string {
	return exprRE.ReplaceAllStringFunc(s, func(m string) string {
		e := exprRE.FindStringSubmatch(m)[1]
		if p := strings.Split(e, "."); len(p) == 4 && p[0] == "steps" && p[2] == "outputs" {
			return r.outputs[p[1]][p[3]] // empty when unset, as on GitHub
		}
		v, ok := r.exprs[e]
		if !ok {
			r.t.Fatalf("unknown expression %s", m)
		}
		return v
	})
}

// cond evaluates a step's if: as far as the files here need: clauses joined by
// " && ", each always() or a comparison (== or !=) of expressions and 'literals'.
// Anything else fails the test, so a new kind of condition gets a thought.
func (r *fakeRunner) cond(c string) bool {
	value := func(operand string) string {
		if lit, ok := strings.CutPrefix(operand, "'"); ok && strings.HasSuffix(lit, "'") {
			return strings.TrimSuffix(lit, "'")
		}
		return r.expand("${{ " + operand + " }}")
	}
	result := true
	for _, clause := range strings.Split(c, " && ") {
		if clause == "always()" {
			continue
		}
		op := " == "
		if strings.Contains(clause, " != ") {
			op = " != "
		}
		lhs, rhs, ok := strings.Cut(clause, op)
		if !ok || strings.ContainsAny(lhs+rhs, "()|!=& ") {
			r.t.Fatalf("condition %q: cannot evaluate %q", c, clause)
		}
		// GitHub compares strings ignoring case.
		if strings.EqualFold(value(lhs), value(rhs)) != (op == " == ") {
			result = false
		}
	}
	return result
}

// runJob runs steps in order. A step runs when its if: holds and, unless the
// condition says always(), no earlier step has failed.
func (r *fakeRunner) runJob(steps []ghStep) {
	r.t.Helper()
	if err := os.MkdirAll(r.env["RUNNER_TEMP"], 0o755); err != nil {
		r.t.Fatal(err)
	}
	failed := false
	for _, s := range steps {
		if failed && !strings.Contains(s.If, "always()") || s.If != "" && !r.cond(s.If) {
			continue
		}
		if s.Uses != "" {
			u := s
			u.With = map[string]string{}
			for k, v := range s.With {
				u.With[k] = r.expand(v)
			}
			r.used = append(r.used, u)
			continue
		}
		res := r.run(s)
		r.ran[s.key()] = res
		if res.code != 0 && !s.ContinueOnError {
			failed = true
		}
	}
}

func (r *fakeRunner) run(s ghStep) stepRun {
	t := r.t
	t.Helper()
	if strings.Contains(s.Run, "${{") {
		t.Fatalf("step %q interpolates an expression into its script", s.key())
	}
	dir := t.TempDir()
	script := filepath.Join(dir, "step.sh")
	if err := os.WriteFile(script, []byte(s.Run), 0o644); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, name := range []string{"GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH"} {
		files[name] = filepath.Join(dir, strings.ToLower(name))
		if err := os.WriteFile(files[name], nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The runner's shells: bash -e {0} by default on Linux, and for shell: bash
	// bash --noprofile --norc -eo pipefail {0}.
	args := []string{"-e", script}
	switch s.Shell {
	case "":
	case "bash":
		args = []string{"--noprofile", "--norc", "-eo", "pipefail", script}
	default:
		t.Fatalf("step %q: shell %q", s.key(), s.Shell)
	}

	env := map[string]string{}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GITHUB_") || strings.HasPrefix(k, "RUNNER_") || strings.HasPrefix(k, "SOCLE_") || strings.HasPrefix(k, "GH_") {
			continue // a test run inside GitHub Actions must not reach the real runner's files
		}
		env[k] = v
	}
	for k, v := range r.env {
		env[k] = v
	}
	for k, v := range files {
		env[k] = v
	}
	for k, v := range s.Env {
		env[k] = r.expand(v)
	}
	env["PATH"] = strings.Join(append(slices.Clone(r.path), os.Getenv("PATH")), string(os.PathListSeparator))
	var envList []string
	for k, v := range env {
		envList = append(envList, k+"="+v)
	}

	cmd := exec.Command("bash", args...)
	cmd.Dir = filepath.Join(r.workspace, s.WorkingDir)
	cmd.Env = envList
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	res := stepRun{}
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatal(err)
		}
		res.code = ee.ExitCode()
	}
	res.stdout, res.stderr = stdout.String(), stderr.String()

	if s.ID != "" {
		r.outputs[s.ID] = r.readKeyValues(files["GITHUB_OUTPUT"])
	}
	for k, v := range r.readKeyValues(files["GITHUB_ENV"]) {
		r.env[k] = v
	}
	b, _ := os.ReadFile(files["GITHUB_PATH"])
	for _, p := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if p != "" {
			r.path = append([]string{p}, r.path...)
		}
	}
	return res
}

// readKeyValues reads a GITHUB_OUTPUT or GITHUB_ENV file: NAME=VALUE lines and
// NAME<<DELIMITER blocks.
func (r *fakeRunner) readKeyValues(path string) map[string]string {
	f, err := os.Open(path)
	if err != nil {
		r.t.Fatal(err)
	}
	defer f.Close()
	m := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if k, v, ok := strings.Cut(line, "="); ok && !strings.Contains(k, "<<") {
			m[k] = v
			continue
		}
		k, delim, ok := strings.Cut(line, "<<")
		if !ok {
			r.t.Fatalf("%s: malformed line %q", path, line)
		}
		var lines []string
		for sc.Scan() && sc.Text() != delim {
			lines = append(lines, sc.Text())
		}
		m[k] = strings.Join(lines, "\n")
	}
	return m
}

// stubs writes stub go and gh commands into a directory and returns it. The stub go
// logs its arguments and working directory; `go build -o FILE` and
// `go install` (into GOBIN) link the binary TestMain built. The stub gh logs its
// arguments and GH_TOKEN/GH_REPO, copies --body-file to DIR/comment.md, and fails
// --edit-last while no comment exists, as gh does.
func stubs(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	goStub := `#!/bin/sh
printf '%s|%s\n' "$PWD" "$*" >> "` + dir + `/go.log"
case "$1" in
version) echo "go version stub" ;;
build)
	while [ $# -gt 0 ]; do
		if [ "$1" = -o ]; then ln -sf "` + binary + `" "$2"; fi
		shift
	done ;;
install) mkdir -p "$GOBIN" && ln -sf "` + binary + `" "$GOBIN/socle" ;;
*) echo "stub go: $*" >&2; exit 2 ;;
esac
`
	ghStub := `#!/bin/sh
printf '%s|%s|%s\n' "$GH_TOKEN" "$GH_REPO" "$*" >> "` + dir + `/gh.log"
case " $* " in
*" --edit-last "*) [ -f "` + dir + `/comment.md" ] || { echo "no comments found for current user" >&2; exit 1; } ;;
esac
while [ $# -gt 0 ]; do
	if [ "$1" = --body-file ]; then cp "$2" "` + dir + `/comment.md"; fi
	shift
done
`
	for name, text := range map[string]string{"go": goStub, "gh": ghStub} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func readLog(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(b)), "\n")
}

// copyTree copies the directory src of the repository to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(filepath.Join(repoRoot(t), src))); err != nil {
		t.Fatal(err)
	}
}

func TestAction(t *testing.T) {
	a := readAction(t)
	root := repoRoot(t)
	const annotation = "::warning file=testdata/cli/fail/main.hcl,line=17,title=1.1 MFA for every user (CO-1)::bob has no MFA"
	tests := []struct {
		name       string
		inputs     map[string]string // over the defaults
		code       int               // recorded by eval, exited with by finish
		summary    []string
		annotation bool
		sarif      bool
	}{
		{"fail", map[string]string{"directory": "testdata/cli/fail"}, 1,
			[]string{"### socle: ❌ 1 control failed", "- `bob` — bob has no MFA"}, true, true},
		{"pass", map[string]string{"directory": "testdata/cli/pass"}, 0,
			[]string{"### socle: ✅ every control passed"}, false, true},
		{"fail-on none", map[string]string{"directory": "testdata/cli/fail", "fail-on": "none"}, 0,
			[]string{"### socle: ❌ 1 control failed"}, true, true},
		{"fail-on high", map[string]string{"directory": "testdata/cli/fail", "fail-on": "high"}, 0,
			[]string{"### socle: ❌ 1 control failed"}, true, true},
		{"invalid configuration", map[string]string{"directory": "testdata/cli/invalid"}, 2,
			[]string{"### socle: ⚠️ nothing was evaluated (exit 2)", "<pre>", "main.hcl:19:15: Unknown objective"}, false, false},
		// Words split on any whitespace and are never globbed: * reaches socle (a
		// glob over control names), not the names of the files in the workspace.
		{"extra-args", map[string]string{"directory": "testdata/cli/fail", "extra-args": "--control *\n\t--as-of  2026-11-25"}, 1,
			[]string{"### socle: ❌ 1 control failed", "as of 2026-11-25 00:00 UTC"}, true, true},
		{"upload-sarif false", map[string]string{"directory": "testdata/cli/fail", "upload-sarif": "false"}, 1,
			[]string{"### socle: ❌ 1 control failed"}, true, true},
		{"sarif-file in a new directory", map[string]string{"directory": "testdata/cli/fail", "sarif-file": "out/results/socle.sarif"}, 1,
			[]string{"### socle: ❌ 1 control failed"}, true, true},
		// Inputs are data: none of this runs.
		{"injection in extra-args", map[string]string{"directory": "testdata/cli/pass", "extra-args": "$(touch PWNED) `touch PWNED`"}, 2,
			nil, false, false},
		{"injection in directory", map[string]string{"directory": `testdata/cli/pass"; touch PWNED; echo "`}, 2,
			[]string{"Cannot open the policy repository"}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ws := t.TempDir()
			copyTree(t, "testdata/cli", filepath.Join(ws, "testdata", "cli"))
			inputs := map[string]string{}
			for name, in := range a.Inputs {
				inputs[name] = in.Default
			}
			for k, v := range tt.inputs {
				inputs[k] = v
			}
			sarifPath := filepath.Join(ws, inputs["sarif-file"])
			// A SARIF log from an earlier run is never uploaded as this run's. (A
			// sarif-file in a directory that does not exist yet gets the directory.)
			if filepath.Dir(inputs["sarif-file"]) == "." {
				if err := os.WriteFile(sarifPath, []byte("stale"), 0o644); err != nil {
					t.Fatal(err)
				}
			}

			r := newFakeRunner(t, ws)
			stubDir := stubs(t)
			r.path = []string{stubDir}
			r.env["GITHUB_ACTION_PATH"] = root
			for k, v := range inputs {
				r.exprs["inputs."+k] = v
			}
			r.runJob(a.Runs.Steps)

			// build: go build in the action's own directory, into RUNNER_TEMP.
			if b := r.ran["build"]; b.code != 0 {
				t.Fatalf("build: exit %d\n%s%s", b.code, b.stdout, b.stderr)
			}
			goLog := readLog(t, filepath.Join(stubDir, "go.log"))
			if !slices.ContainsFunc(goLog, func(l string) bool {
				return strings.HasPrefix(l, root+"|build ") && strings.HasSuffix(l, " ./cmd/socle")
			}) {
				t.Errorf("go build not run in the action's directory: %q", goLog)
			}
			if bin := r.outputs["build"]["bin"]; !strings.HasPrefix(bin, r.env["RUNNER_TEMP"]+"/") {
				t.Errorf("build output bin = %q, not in RUNNER_TEMP", bin)
			}

			// eval: succeeds, records socle's exit code.
			ev := r.ran["eval"]
			if ev.code != 0 {
				t.Fatalf("eval step failed: exit %d\n%s%s", ev.code, ev.stdout, ev.stderr)
			}
			if got := r.outputs["eval"]["exit-code"]; got != strconv.Itoa(tt.code) {
				t.Errorf("exit-code output %q, want %d\n%s", got, tt.code, ev.stdout)
			}
			if got := strings.Contains(ev.stdout, annotation); got != tt.annotation {
				t.Errorf("annotation on stdout: %v, want %v\n%s", got, tt.annotation, ev.stdout)
			}
			if tt.annotation && !strings.Contains(ev.stdout, "::group::socle eval report\n::stop-commands::") {
				t.Errorf("the text report is not in the log with commands stopped:\n%s", ev.stdout)
			}
			summary := r.summary()
			if !strings.HasPrefix(summary, "previous step\n") {
				t.Errorf("the job summary was overwritten, not appended to:\n%s", summary)
			}
			for _, s := range tt.summary {
				if !strings.Contains(summary, s) {
					t.Errorf("job summary lacks %q:\n%s", s, summary)
				}
			}

			// SARIF: written and uploaded, or neither.
			if tt.sarif {
				if got := r.outputs["eval"]["sarif-file"]; got != inputs["sarif-file"] {
					t.Errorf("sarif-file output %q, want %q", got, inputs["sarif-file"])
				}
				data, err := os.ReadFile(sarifPath)
				if err != nil {
					t.Fatal(err)
				}
				var log struct {
					Version string `json:"version"`
					Runs    []struct {
						Results []struct {
							Locations []struct {
								PhysicalLocation struct {
									ArtifactLocation struct {
										URI string `json:"uri"`
									} `json:"artifactLocation"`
								} `json:"physicalLocation"`
							} `json:"locations"`
						} `json:"results"`
					} `json:"runs"`
				}
				if err := json.Unmarshal(data, &log); err != nil || log.Version != "2.1.0" || len(log.Runs) != 1 {
					t.Fatalf("SARIF log: %v, version %q\n%.300s", err, log.Version, data)
				}
				if tt.annotation {
					// Relative to the workspace, as code scanning resolves it.
					if rs := log.Runs[0].Results; len(rs) != 1 || len(rs[0].Locations) != 1 ||
						rs[0].Locations[0].PhysicalLocation.ArtifactLocation.URI != "testdata/cli/fail/main.hcl" {
						t.Errorf("SARIF results: %+v", rs)
					}
				}
				if inputs["upload-sarif"] == "false" {
					if len(r.used) != 0 {
						t.Errorf("upload-sarif false, yet uploaded: %+v", r.used)
					}
				} else if len(r.used) != 1 || r.used[0].With["sarif_file"] != inputs["sarif-file"] {
					t.Errorf("upload step: %+v", r.used)
				}
			} else {
				if _, err := os.Stat(sarifPath); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("a SARIF log is left at %s: %v", sarifPath, err)
				}
				if r.outputs["eval"]["sarif-file"] != "" || len(r.used) != 0 {
					t.Errorf("no SARIF log, yet sarif-file output %q and upload %+v", r.outputs["eval"]["sarif-file"], r.used)
				}
			}

			// finish: exits with the recorded code.
			fin := r.ran["finish"]
			if fin.code != tt.code {
				t.Errorf("finish: exit %d, want %d\n%s%s", fin.code, tt.code, fin.stdout, fin.stderr)
			}

			matches, _ := filepath.Glob(filepath.Join(ws, "*PWNED*"))
			if len(matches) > 0 {
				t.Errorf("an input was executed: %v", matches)
			}
		})
	}
}

func TestActionFinishWithoutEval(t *testing.T) {
	cmd := exec.Command("bash", filepath.Join(repoRoot(t), "action", "run.sh"), "finish")
	cmd.Env = append(os.Environ(), "SOCLE_EXIT_CODE=")
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 || !strings.Contains(string(out), "::error title=socle::socle eval did not run") {
		t.Errorf("finish without a recorded code: %v\n%s", err, out)
	}
}

// gitRun runs git in dir with no user or system configuration.
func gitRun(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=socle test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=socle test", "GIT_COMMITTER_EMAIL=test@example.com")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %q: %v\n%s", args, err, out)
	}
}

// setTree replaces the policy repository at the root of a git work tree with the
// repository's directory src ("" for none), keeping .git.
func setTree(t *testing.T, dir, src string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != ".git" {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte("policies\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if src != "" {
		copyTree(t, src, dir)
	}
}

func readWorkflow(t *testing.T, name string) (workflowFile, []ghStep) {
	t.Helper()
	var w workflowFile
	readYAML(t, filepath.Join(repoRoot(t), "examples", "workflows", name), &w)
	if len(w.Jobs) != 1 {
		t.Fatalf("%s: %d jobs, want 1", name, len(w.Jobs))
	}
	for _, j := range w.Jobs {
		if j.RunsOn != "ubuntu-latest" {
			t.Errorf("%s: runs-on %q", name, j.RunsOn)
		}
		return w, j.Steps
	}
	return w, nil
}

func checkInstall(t *testing.T, r *fakeRunner, stubDir string) {
	t.Helper()
	if res := r.ran["install"]; res.code != 0 {
		t.Fatalf("install: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if log := readLog(t, filepath.Join(stubDir, "go.log")); len(log) != 1 || !strings.HasSuffix(log[0], "|install github.com/socle-dev/socle/cmd/socle@latest") {
		t.Errorf("go install: %q", log)
	}
}

// TestPullRequestWorkflow runs the example pull-request workflow's steps in a clone
// whose origin/main is the base and whose HEAD is the pull request.
func TestPullRequestWorkflow(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		skipUnlessCI(t, "git is not installed")
	}
	w, steps := readWorkflow(t, "socle-pull-request.yml")
	if _, ok := w.On["pull_request"]; !ok || len(w.On) != 1 {
		t.Errorf("on: %v", w.On)
	}
	wantPerms := map[string]string{"contents": "read", "pull-requests": "write", "security-events": "write"}
	if !maps.Equal(w.Permissions, wantPerms) {
		t.Errorf("permissions %v, want %v", w.Permissions, wantPerms)
	}
	if steps[0].Uses != "actions/checkout@v4" || steps[0].With["fetch-depth"] != "0" {
		t.Errorf("first step: %+v; want a checkout with fetch-depth 0", steps[0])
	}
	if _, s := findStep(t, steps, "base"); !strings.Contains(s.Run, `git merge-base "origin/$GITHUB_BASE_REF" HEAD`) || !strings.Contains(s.Run, "git worktree add") {
		t.Errorf("the base step does not evaluate the merge base in a worktree:\n%s", s.Run)
	}
	if _, s := findStep(t, steps, "Comment on the pull request"); !strings.Contains(s.Run, "--edit-last") {
		t.Errorf("comment step:\n%s", s.Run)
	}

	tests := []struct {
		name    string
		base    string // the policy repository at the merge base ("": none yet)
		head    string
		gate    int
		summary []string
		needsJQ bool
	}{
		{"newly failing", "testdata/cli/pass", "testdata/cli/fail", 1,
			[]string{"### socle diff: ❌ this change makes 1 control worse", "| Newly failing | 1.1 mfa | `file.idp` | pass → fail |"}, false},
		{"still failing", "testdata/cli/fail", "testdata/cli/fail", 0, []string{"Still failing"}, false},
		{"fixed", "testdata/cli/fail", "testdata/cli/pass", 0, []string{"Fixed"}, false},
		{"introduces socle", "", "testdata/cli/fail", 1,
			[]string{"socle could not evaluate the merge base", "### socle diff: ❌"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, err := exec.LookPath("jq"); err != nil && tt.needsJQ {
				skipUnlessCI(t, "jq is not installed")
			}
			tmp := t.TempDir()
			origin, ws := filepath.Join(tmp, "origin"), filepath.Join(tmp, "workspace")
			gitRun(t, tmp, "init", "-q", "-b", "main", origin)
			setTree(t, origin, tt.base)
			gitRun(t, origin, "add", "-A")
			gitRun(t, origin, "commit", "-q", "-m", "base")
			gitRun(t, tmp, "clone", "-q", origin, ws)
			gitRun(t, ws, "checkout", "-q", "-b", "pull-request")
			setTree(t, ws, tt.head)
			gitRun(t, ws, "add", "-A")
			gitRun(t, ws, "commit", "-q", "--allow-empty", "-m", "head")

			r := newFakeRunner(t, ws)
			stubDir := stubs(t)
			r.path = []string{stubDir}
			for k, v := range w.Env {
				r.env[k] = v
			}
			r.env["GITHUB_EVENT_NAME"] = "pull_request"
			r.env["GITHUB_BASE_REF"] = "main"
			r.env["GITHUB_HEAD_REF"] = "pull-request"
			r.exprs = map[string]string{
				"github.token":                                  "fake-token",
				"github.repository":                             "acme/policies",
				"github.event.pull_request.number":              "42",
				"github.event.pull_request.head.repo.full_name": "acme/policies",
			}
			r.runJob(steps)

			checkInstall(t, r, stubDir)
			for _, k := range []string{"head", "base", "diff"} {
				if res, ok := r.ran[k]; !ok || res.code != 0 {
					t.Fatalf("step %s: ran %v, exit %d\n%s%s", k, ok, res.code, res.stdout, res.stderr)
				}
			}
			annotated := strings.Contains(r.ran["head"].stdout, "::warning file=main.hcl,line=17,title=1.1 MFA for every user (CO-1)::bob has no MFA")
			if annotated != (tt.head == "testdata/cli/fail") {
				t.Errorf("HEAD's annotations:\n%s", r.ran["head"].stdout)
			}
			if got := r.ran["Gate on what the pull request changes"].code; got != tt.gate {
				t.Errorf("gate: exit %d, want %d", got, tt.gate)
			}
			summary := r.summary()
			for _, s := range tt.summary {
				if !strings.Contains(summary, s) {
					t.Errorf("job summary lacks %q:\n%s", s, summary)
				}
			}

			// The SARIF upload and the comment.
			if len(r.used) != 2 || r.used[1].Uses != "github/codeql-action/upload-sarif@v3" ||
				!strings.HasPrefix(r.used[1].With["sarif_file"], r.env["RUNNER_TEMP"]+"/") {
				t.Errorf("actions used: %+v", r.used)
			} else if _, err := os.Stat(r.used[1].With["sarif_file"]); err != nil {
				t.Errorf("SARIF log: %v", err)
			}
			ghLog := readLog(t, filepath.Join(stubDir, "gh.log"))
			if len(ghLog) != 2 || !strings.HasPrefix(ghLog[0], "fake-token|acme/policies|pr comment 42 --edit-last --body-file ") ||
				!strings.HasPrefix(ghLog[1], "fake-token|acme/policies|pr comment 42 --body-file ") {
				t.Errorf("gh calls: %q", ghLog)
			}
			comment, err := os.ReadFile(filepath.Join(stubDir, "comment.md"))
			if err != nil || !strings.Contains(summary, string(comment)) || !strings.HasPrefix(string(comment), "### socle diff: ") {
				t.Errorf("comment (%v):\n%s", err, comment)
			}
		})
	}
}

// TestScheduledWorkflow runs the example nightly workflow's steps: collect, evaluate
// the bundle, keep both as an artifact, fail on the verdict.
func TestScheduledWorkflow(t *testing.T) {
	w, steps := readWorkflow(t, "socle-scheduled.yml")
	if _, ok := w.On["schedule"]; !ok {
		t.Errorf("on: %v", w.On)
	}
	if !maps.Equal(w.Permissions, map[string]string{"contents": "read"}) {
		t.Errorf("permissions %v", w.Permissions)
	}
	ws := t.TempDir()
	copyTree(t, "testdata/cli/fail", ws)
	r := newFakeRunner(t, ws)
	stubDir := stubs(t)
	r.path = []string{stubDir}
	for k, v := range w.Env {
		r.env[k] = v
	}
	r.env["GITHUB_EVENT_NAME"] = "schedule"
	r.exprs = map[string]string{"github.run_id": "7", "runner.temp": r.env["RUNNER_TEMP"]}
	r.runJob(steps)

	checkInstall(t, r, stubDir)
	if got := r.outputs["collect"]["exit-code"]; got != "0" {
		t.Errorf("collect: exit-code %q\n%s", got, r.ran["collect"].stderr)
	}
	if got := r.outputs["eval"]["exit-code"]; got != "1" {
		t.Errorf("eval: exit-code %q\n%s%s", got, r.ran["eval"].stdout, r.ran["eval"].stderr)
	}
	if got := r.ran["Verdict"].code; got != 1 {
		t.Errorf("verdict: exit %d", got)
	}
	if !strings.Contains(r.summary(), "### socle: ❌ 1 control failed") {
		t.Errorf("job summary:\n%s", r.summary())
	}
	if len(r.used) != 2 || r.used[1].Uses != "actions/upload-artifact@v4" {
		t.Fatalf("actions used: %+v", r.used)
	}
	artifact := r.used[1].With["path"]
	for _, f := range []string{"bundle/manifest.json", "results.json", "evidence.jsonl", "junit.xml", "summary.md"} {
		if fi, err := os.Stat(filepath.Join(artifact, f)); err != nil || fi.Size() == 0 {
			t.Errorf("artifact %s: %v", f, err)
		}
	}
}

// skipUnlessCI skips a test whose tool is missing on a developer's machine;
// under CI (.ci/run installs the tools) a missing tool fails it.
func skipUnlessCI(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatal(why + " (.ci/run installs it)")
	}
	t.Skip(why)
}
