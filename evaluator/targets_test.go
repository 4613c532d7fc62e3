package evaluator_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/addrs"
)

func loadValid(t *testing.T, dir string, opts evaluator.Options) *evaluator.Repo {
	t.Helper()
	opts.Dir = dir
	if opts.Environ == nil {
		opts.Environ = func() []string { return nil }
	}
	repo, diags := evaluator.Load(opts)
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			t.Errorf("diagnostic: %s", describe(d))
		}
	}
	if repo == nil || diags.HasErrors() {
		t.FailNow()
	}
	return repo
}

func control(t *testing.T, repo *evaluator.Repo, label string) *evaluator.Control {
	t.Helper()
	for _, c := range repo.Controls {
		if c.Label == label {
			return c
		}
	}
	t.Fatalf("no control %s", label)
	return nil
}

func targetNames(c *evaluator.Control) []string {
	var out []string
	for _, t := range c.Targets {
		out = append(out, t.Name)
	}
	return out
}

func TestValidHasNoDiagnostics(t *testing.T) {
	_, diags := evaluator.Load(evaluator.Options{Dir: "testdata/valid/targets", Environ: func() []string { return nil }})
	for _, d := range diags {
		t.Errorf("diagnostic: %s", describe(d))
	}
}

func TestTargets(t *testing.T) {
	repo := loadValid(t, "testdata/valid/targets", evaluator.Options{})
	tests := []struct {
		label   string
		targets []string
		keys    [][]string // input keys per target
	}{
		{"single", []string{"file.hr"}, [][]string{{"file"}}},
		{"fan", []string{"file.idp", "file.idp_eu"}, [][]string{{"file"}, {"file"}}},
		{"join", []string{"hr=file.hr,idp=file.idp"}, [][]string{{"hr", "idp"}}},
		{"join_fan", []string{"hr=file.hr,idp=file.idp", "hr=file.hr,idp=file.idp_eu"}, [][]string{{"hr", "idp"}, {"hr", "idp"}}},
	}
	for _, tt := range tests {
		c := control(t, repo, tt.label)
		if got := targetNames(c); !slices.Equal(got, tt.targets) {
			t.Errorf("%s: targets %q, want %q", tt.label, got, tt.targets)
			continue
		}
		for i, target := range c.Targets {
			var keys []string
			for _, in := range target.Inputs {
				keys = append(keys, in.Key)
			}
			if !slices.Equal(keys, tt.keys[i]) {
				t.Errorf("%s target %s: keys %q, want %q", tt.label, target.Name, keys, tt.keys[i])
			}
		}
	}
}

func TestControlsResolved(t *testing.T) {
	repo := loadValid(t, "testdata/valid/targets", evaluator.Options{})
	var labels []string
	for _, c := range repo.Controls {
		labels = append(labels, c.Label)
	}
	// Sorted by objective ref, then control ref as people number them (1.5.1 < 1.6 < 1.10).
	want := []string{"single", "fan", "join", "join_fan", "counted[0]", "counted[1]", `each["eu"]`, `each["us"]`, "manual"}
	if !slices.Equal(labels, want) {
		t.Fatalf("controls %q, want %q", labels, want)
	}
	s := control(t, repo, "single")
	if s.Title != "Single in prod (CO-1)" || s.Owner != "sec@prod.example" || !s.Key || s.Severity != "critical" ||
		s.Frequency != "daily" || s.Tags["system"] != "hr" || s.File != "main.hcl" || s.DeclRange.Start.Line != 47 {
		t.Errorf("single resolved wrong: %+v", s)
	}
	if got := control(t, repo, "counted[1]"); got.Ref != "1.5.1" || got.Title != "Counted 1" {
		t.Errorf("counted[1]: ref %q title %q", got.Ref, got.Title)
	}
	if got := control(t, repo, `each["us"]`); got.Title != "In us-east-1" || got.Addr != (addrs.Control{Name: "each", Key: addrs.StringKey("us")}) {
		t.Errorf(`each["us"]: %+v`, got)
	}
	if got := control(t, repo, "fan"); got.Severity != "medium" || got.Frequency != "continuous" || !got.Automated || got.Key {
		t.Errorf("defaults not applied: %+v", got)
	}
	if o := repo.Objectives["access"]; !slices.Equal(o.COSO, []int{10, 11}) {
		t.Errorf("coso %v, want sorted unique [10 11]", o.COSO)
	}
	if s := repo.Settings; s.Timeout != 3*time.Second || s.Organization != "Acme Payroll, Inc." || s.PeriodStart != "2026-01-01" || s.PoliciesDir != "policies" {
		t.Errorf("settings: %+v", s)
	}
	// The waiver names one instance: it covers that instance only, until its expiry.
	w := repo.Waivers[0]
	before := time.Date(2027, 1, 1, 11, 0, 0, 0, time.UTC)
	if !w.Covers(addrs.Control{Name: "each", Key: addrs.StringKey("eu")}, "r", before) {
		t.Error("waiver does not cover each[\"eu\"] before expiry")
	}
	if w.Covers(addrs.Control{Name: "each", Key: addrs.StringKey("us")}, "r", before) {
		t.Error("waiver covers each[\"us\"]")
	}
	if w.Covers(addrs.Control{Name: "each", Key: addrs.StringKey("eu")}, "r", before.Add(time.Hour)) {
		t.Error("waiver still covers at its expiry time")
	}
	// Without resources, the waiver also covers findings about the target as a whole.
	if !w.Covers(addrs.Control{Name: "each", Key: addrs.StringKey("eu")}, "", before) {
		t.Error("waiver without resources does not cover a target-wide finding")
	}
}

func TestPlanSkips(t *testing.T) {
	repo := loadValid(t, "testdata/valid/targets", evaluator.Options{})
	items := repo.Plan(evaluator.PlanOptions{Controls: []string{"join*", "1.1", "manual"}})
	got := map[string]string{}
	for _, it := range items {
		got[it.Control.Label+" "+it.Target.Name] = it.Skip
	}
	if got["single file.hr"] != "" || got["join hr=file.hr,idp=file.idp"] != "" || got["join_fan hr=file.hr,idp=file.idp_eu"] != "" {
		t.Errorf("selected items skipped: %v", got)
	}
	if got["fan file.idp"] != "not selected by --control" {
		t.Errorf("fan: %q", got["fan file.idp"])
	}
	// A manual control is judged from its evidence files: one target, evaluated.
	if s, ok := got["manual evidence"]; !ok || s != "" {
		t.Errorf("manual control: planned %v, skip %q; want evaluated on its evidence", ok, s)
	}
	if !slices.Equal(repo.NoInstances, []string{"disabled"}) {
		t.Errorf("NoInstances = %q, want [disabled]", repo.NoInstances)
	}
}

func TestVariablePrecedence(t *testing.T) {
	title := func(opts evaluator.Options) string {
		return control(t, loadValid(t, "testdata/valid/targets", opts), "single").Title
	}
	env := func() []string { return []string{"SOCLE_VAR_env=from-env", "SOCLE_VAR_undeclared=ignored"} }
	if got := title(evaluator.Options{Environ: env}); got != "Single in from-env (CO-1)" {
		t.Errorf("SOCLE_VAR_: %q", got)
	}
	varFile := evaluator.VarArg{File: true, Value: "testdata/valid/targets/prod.vars"}
	if got := title(evaluator.Options{Environ: env, Vars: []evaluator.VarArg{varFile}}); got != "Single in from-file (CO-1)" {
		t.Errorf("-var-file: %q", got)
	}
	flag := evaluator.VarArg{Value: "env=from-flag"}
	if got := title(evaluator.Options{Environ: env, Vars: []evaluator.VarArg{flag, varFile}}); got != "Single in from-file (CO-1)" {
		t.Errorf("later -var-file must win over earlier -var: %q", got)
	}
	if got := title(evaluator.Options{Environ: env, Vars: []evaluator.VarArg{varFile, flag}}); got != "Single in from-flag (CO-1)" {
		t.Errorf("later -var must win: %q", got)
	}
	repo := loadValid(t, "testdata/valid/targets", evaluator.Options{Vars: []evaluator.VarArg{{Value: `regions={ap = "ap-south-1"}`}}})
	if c := control(t, repo, `each["ap"]`); c.Title != "In ap-south-1" {
		t.Errorf("map -var: %q", c.Title)
	}
}

func TestVariableErrors(t *testing.T) {
	tests := []struct {
		vars []evaluator.VarArg
		want string
	}{
		{[]evaluator.VarArg{{Value: "nope=1"}}, `-var sets "nope", but no variable block declares it`},
		{[]evaluator.VarArg{{Value: "novalue"}}, "expected NAME=VALUE"},
		{[]evaluator.VarArg{{Value: "regions=[1"}}, "is not a valid expression"},
		{[]evaluator.VarArg{{File: true, Value: "/etc/passwd"}}, "outside the policy repository"},
		{[]evaluator.VarArg{{File: true, Value: "testdata/valid/targets/missing.vars"}}, "no such file"},
	}
	for _, tt := range tests {
		_, diags := evaluator.Load(evaluator.Options{Dir: "testdata/valid/targets", Vars: tt.vars, Environ: func() []string { return nil }})
		if !diags.HasErrors() {
			t.Errorf("%v: no error", tt.vars)
			continue
		}
		found := false
		for _, d := range diags {
			if strings.Contains(d.Summary+": "+d.Detail, tt.want) {
				found = true
			}
		}
		if !found {
			t.Errorf("%v: no diagnostic containing %q in %v", tt.vars, tt.want, diags)
		}
	}
}
