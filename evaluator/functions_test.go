package evaluator_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/socle-dev/socle/evaluator"
)

func loadMap(t *testing.T, hcl string, env map[string]string) (*evaluator.Repo, []string) {
	t.Helper()
	fsys := fstest.MapFS{
		"main.hcl":        {Data: []byte(hcl)},
		"notes.txt":       {Data: []byte("from a file")},
		"data.yaml":       {Data: []byte("owners: [ann, bo]\n")},
		"policies/p.rego": {Data: []byte("package socle.p\n\nresources contains \"x\"\n")},
	}
	repo, diags := evaluator.Load(evaluator.Options{
		Dir: "repo", FS: fsys,
		Environ: func() []string { return nil },
		Getenv: func(k string) (string, bool) {
			v, ok := env[k]
			return v, ok
		},
	})
	var msgs []string
	for _, d := range diags {
		msgs = append(msgs, describe(d))
	}
	return repo, msgs
}

const fnRepo = `
socle {
  env_allow = ["OWNER", "MISSING", "AWS_REGION"]
}
objective "a" {
  ref   = "CO-1"
  title = "A"
}
provider "file" {
  snapshot = "notes.txt"
}
control "c" {
  objective   = objective.a
  title       = %s
  policy      = "socle.p"
  providers   = [file]
}
`

func TestFunctions(t *testing.T) {
	tests := []struct {
		expr, want, err string
	}{
		{`env("OWNER")`, "ann", ""},
		{`env("MISSING", "fallback")`, "fallback", ""},
		{`env("MISSING")`, "", "the environment variable MISSING is not set"},
		{`env("AWS_SECRET_ACCESS_KEY")`, "", "may not read the environment variable AWS_SECRET_ACCESS_KEY: add it to env_allow"},
		{`env("SOCLE_VAR_team", "none")`, "payroll", ""},
		{`file("notes.txt")`, "from a file", ""},
		{`upper(file("notes.txt"))`, "FROM A FILE", ""},
		{`file("../outside.txt")`, "", "leaves the policy repository"},
		{`file("/etc/passwd")`, "", "absolute path"},
		{`join(",", yamldecode(file("data.yaml")).owners)`, "ann,bo", ""},
		{`jsondecode("{\"a\": \"b\"}").a`, "b", ""},
		{`format("%s-%03d", lower("X"), 7)`, "x-007", ""},
		{`join("+", concat(["a"], ["b"]))`, "a+b", ""},
		{`merge({a = "1"}, {a = "2"}).a`, "2", ""},
		{`try(jsondecode("{"), "recovered")`, "recovered", ""},
		{`can(jsondecode("{")) ? "yes" : "no"`, "no", ""},
	}
	for _, tt := range tests {
		repo, diags := loadMap(t, strings.Replace(fnRepo, "%s", tt.expr, 1), map[string]string{"OWNER": "ann", "SOCLE_VAR_team": "payroll", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG"})
		if tt.err != "" {
			if !strings.Contains(strings.Join(diags, "\n"), tt.err) {
				t.Errorf("%s: diagnostics %q, want %q", tt.expr, diags, tt.err)
			}
			continue
		}
		if len(diags) > 0 {
			t.Errorf("%s: %q", tt.expr, diags)
			continue
		}
		if got := repo.Controls[0].Title; got != tt.want {
			t.Errorf("%s = %q, want %q", tt.expr, got, tt.want)
		}
	}
}

func TestEnvAllowMustBeLiteral(t *testing.T) {
	_, diags := loadMap(t, "socle {\n  env_allow = [upper(\"x\")]\n}\n", nil)
	if !strings.Contains(strings.Join(diags, "\n"), "env_allow must be a literal list") {
		t.Errorf("diagnostics: %q", diags)
	}
}
