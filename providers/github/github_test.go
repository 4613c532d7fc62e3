package github

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/socle-dev/socle/providers"
	"github.com/socle-dev/socle/providers/internal/providertest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden and testdata/sample.json")

func env() providers.Env {
	return providers.Env{FS: os.DirFS("testdata"), Dir: "testdata"}
}

// configure configures a provider "github" block over env.
func configure(t *testing.T, env providers.Env, src string) providers.Instance {
	t.Helper()
	in, diags := Type{}.Configure(providertest.Body(t, src), nil, env)
	if diags.HasErrors() {
		t.Fatalf("Configure: %s", diags.Error())
	}
	return in
}

// load loads the snapshot directory dir of testdata.
func load(t *testing.T, dir string) (*providers.Document, error) {
	t.Helper()
	return configure(t, env(), `provider "github" { snapshot = "`+dir+`" }`).Load(context.Background())
}

func TestLoad(t *testing.T) {
	for _, name := range []string{"acme", "gh-cli"} {
		t.Run(name, func(t *testing.T) {
			doc, err := load(t, name)
			if err != nil {
				t.Fatal(err)
			}
			if err := providertest.CheckValue(doc.Value); err != nil {
				t.Fatal(err)
			}
			providertest.Golden(t, filepath.Join("testdata", "golden", name+".json"), providertest.Render(t, doc), *update)
		})
	}
}

// TestSample keeps testdata/sample.json, the documented example of the
// normalized document, in step with the code.
func TestSample(t *testing.T) {
	doc, err := load(t, "acme")
	if err != nil {
		t.Fatal(err)
	}
	providertest.Golden(t, filepath.Join("testdata", "sample.json"), providertest.JSON(t, doc.Value), *update)
}

func TestLoadAcme(t *testing.T) {
	doc, err := load(t, "acme")
	if err != nil {
		t.Fatal(err)
	}
	v := doc.Value.(map[string]any)
	repos := v["repositories"].(map[string]any)
	repo := func(name string) map[string]any { return repos[name].(map[string]any) }

	if got := v["organization"].(map[string]any)["login"]; got != "acme-payroll" {
		t.Errorf("organization.login = %v", got)
	}
	if n, m := len(v["members"].([]any)), len(v["teams"].([]any)); n != 5 || m != 4 {
		t.Errorf("%d members, %d teams; want 5 and 4", n, m)
	}
	if doc.Items != 3+5+4 {
		t.Errorf("Items = %d, want 12 (repositories, members and teams)", doc.Items)
	}

	api := repo("payroll-api")
	if api["default_branch"] != "main" || api["repository"].(map[string]any)["full_name"] != "acme-payroll/payroll-api" {
		t.Errorf("payroll-api = %v / %v", api["default_branch"], api["repository"].(map[string]any)["full_name"])
	}
	reviews := api["branch_protection"].(map[string]any)["required_pull_request_reviews"].(map[string]any)
	if got := reviews["required_approving_review_count"]; got != json.Number("2") {
		t.Errorf("payroll-api approvals = %v", got)
	}
	if n := len(api["rulesets"].([]any)); n != 2 {
		t.Errorf("payroll-api has %d rulesets, want 2", n)
	}
	web := repo("payroll-web")
	if web["branch_protection"].(map[string]any)["allow_force_pushes"].(map[string]any)["enabled"] != true {
		t.Error("payroll-web: allow_force_pushes.enabled is not true")
	}
	if rs, ok := web["rulesets"].([]any); !ok || len(rs) != 0 {
		t.Errorf("payroll-web rulesets = %#v, want an empty list", web["rulesets"])
	}
	scripts := repo("infra-scripts")
	if scripts["branch_protection"] != nil || scripts["rulesets"] != nil {
		t.Errorf("infra-scripts: branch_protection = %v, rulesets = %v; want null (no files)", scripts["branch_protection"], scripts["rulesets"])
	}

	wantFiles := []any{
		"branch_protection/payroll-api.json", "branch_protection/payroll-web.json",
		"members.json", "org.json",
		"repos/infra-scripts.json", "repos/payroll-api.json", "repos/payroll-web.json",
		"rulesets/payroll-api.json", "rulesets/payroll-web.json",
		"teams.json",
	}
	if !reflect.DeepEqual(v["files"], wantFiles) {
		t.Errorf("files = %q\nwant %q", v["files"], wantFiles)
	}
	var wantSources []string
	for _, f := range wantFiles {
		wantSources = append(wantSources, "acme/"+f.(string))
	}
	if !reflect.DeepEqual(doc.Sources, wantSources) {
		t.Errorf("Sources = %q\nwant %q", doc.Sources, wantSources)
	}
	if !reflect.DeepEqual(doc.Params, map[string]string{"snapshot": "acme"}) {
		t.Errorf("Params = %v", doc.Params)
	}
	if len(doc.Warnings) != 0 {
		t.Errorf("Warnings = %v", doc.Warnings)
	}
}

// TestLoadGHCLI reads the files as gh api writes them: pages one after the
// other (--paginate), pages in one array (--slurp), the 404 body of an
// unprotected branch, a repository whose name starts with a dot.
func TestLoadGHCLI(t *testing.T) {
	doc, err := load(t, "gh-cli")
	if err != nil {
		t.Fatal(err)
	}
	v := doc.Value.(map[string]any)
	var logins, slugs []string
	for _, m := range v["members"].([]any) {
		logins = append(logins, m.(map[string]any)["login"].(string))
	}
	for _, m := range v["teams"].([]any) {
		slugs = append(slugs, m.(map[string]any)["slug"].(string))
	}
	if want := []string{"aokafor", "jchen-acme", "mhernandez", "pwalker", "svc-payroll-release"}; !reflect.DeepEqual(logins, want) {
		t.Errorf("members (three pages) = %q, want %q", logins, want)
	}
	if want := []string{"platform", "payroll-engineering", "security", "release-managers"}; !reflect.DeepEqual(slugs, want) {
		t.Errorf("teams (slurped pages) = %q, want %q", slugs, want)
	}
	if v["organization"] != nil {
		t.Errorf("organization = %v, want null without org.json", v["organization"])
	}
	gh, ok := v["repositories"].(map[string]any)[".github"].(map[string]any)
	if !ok {
		t.Fatalf("no .github repository in %v", v["repositories"])
	}
	if gh["branch_protection"] != nil || gh["rulesets"] != nil {
		t.Errorf(".github: branch_protection = %v, rulesets = %v; want null (the files hold 404 bodies)", gh["branch_protection"], gh["rulesets"])
	}
	var warned []string
	for _, w := range doc.Warnings {
		warned = append(warned, w.File+": "+w.Summary)
	}
	want := []string{"gh-cli/README.md: Unknown file", "gh-cli/repos/archive/old-api.json: Unknown file"}
	if !reflect.DeepEqual(warned, want) {
		t.Errorf("warnings = %q, want %q (hidden files skipped silently)", warned, want)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		dir          string
		file         string
		line, column int
		summary      string
		detail       string // a part of it
	}{
		{"truncated", "repos/payroll-api.json", 44, 78, "Invalid JSON", "unexpected end of file"},
		{"bad-page", "members.json", 2, 52, "Invalid JSON", "invalid character ']' looking for beginning of value"},
		{"members-object", "members.json", 1, 1, "Unexpected GitHub API response", "this is an object; GET /orgs/{org}/members returns a list (an array); export it with: gh api --paginate orgs/ORG/members > members.json"},
		{"member-string", "members.json", 3, 3, "Unexpected GitHub API response", "element 2 of the list is a string; GET /orgs/{org}/members returns a list of objects"},
		{"no-default-branch", "repos/payroll-api.json", 1, 1, "Unexpected GitHub API response", `"default_branch" is missing: this is not the repository as GET /repos/{owner}/{repo} returns it; export it with: gh api repos/ORG/payroll-api > repos/payroll-api.json`},
		{"default-branch-number", "repos/payroll-api.json", 104, 21, "Unexpected GitHub API response", `"default_branch" is a number`},
		{"other-branch", "branch_protection/payroll-api.json", 2, 10, "Branch protection of another branch", `this is the protection of the branch "master", but the default branch of payroll-api is "main"`},
		{"api-error", "branch_protection/payroll-api.json", 1, 1, "GitHub API error in the snapshot", `this is the error "Must have admin rights to Repository." (HTTP 403) that the API returned`},
		{"orphan", "branch_protection/payroll-web.json", 1, 1, "Missing repository", "there is no repos/payroll-web.json for this file"},
		{"rulesets-object", "rulesets/payroll-api.json", 1, 1, "Unexpected GitHub API response", "this is an object; GET /repos/{owner}/{repo}/rulesets returns a list"},
		{"utf16", "org.json", 1, 1, "Unsupported text encoding", "UTF-16"},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			_, err := load(t, "invalid/"+tt.dir)
			var se *providers.SourceError
			if !errors.As(err, &se) {
				t.Fatalf("Load = %v, want a *providers.SourceError", err)
			}
			file := "invalid/" + tt.dir + "/" + tt.file
			if se.File != file || se.Line != tt.line || se.Column != tt.column || se.Summary != tt.summary || !strings.Contains(se.Detail, tt.detail) {
				t.Errorf("got %s\nwant %s:%d:%d: %s: …%s…", se, file, tt.line, tt.column, tt.summary, tt.detail)
			}
		})
	}
}

func TestLoadNotASnapshot(t *testing.T) {
	tests := []struct{ snapshot, want string }{
		{"invalid/not-snapshot", `the snapshot "invalid/not-snapshot" holds no GitHub API response; a snapshot directory holds org.json, members.json`},
		{"acme/org.json", `the snapshot "acme/org.json" is a file; it must be a directory`},
		{"missing", `the snapshot "missing" does not exist in the policy repository`},
	}
	for _, tt := range tests {
		t.Run(tt.snapshot, func(t *testing.T) {
			_, err := load(t, tt.snapshot)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Load = %v, want …%s…", err, tt.want)
			}
		})
	}
}

// TestLoadRoot loads a snapshot that is the repository's root directory.
func TestLoadRoot(t *testing.T) {
	fsys := fstest.MapFS{
		"repos/api.json": {Data: []byte(`{"name": "api", "default_branch": "trunk"}`)},
		"notes.txt":      {Data: []byte("x")},
	}
	doc, err := configure(t, providers.Env{FS: fsys}, `provider "github" { snapshot = "." }`).Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	v := doc.Value.(map[string]any)
	if got := v["files"]; !reflect.DeepEqual(got, []any{"repos/api.json"}) {
		t.Errorf("files = %v", got)
	}
	if !reflect.DeepEqual(doc.Sources, []string{"repos/api.json"}) || len(doc.Warnings) != 1 || doc.Warnings[0].File != "notes.txt" {
		t.Errorf("Sources = %q, Warnings = %v", doc.Sources, doc.Warnings)
	}
	if got := v["repositories"].(map[string]any)["api"].(map[string]any)["default_branch"]; got != "trunk" {
		t.Errorf("default_branch = %v", got)
	}
	if v["members"] == nil || len(v["members"].([]any)) != 0 {
		t.Errorf("members = %#v, want [] without members.json", v["members"])
	}
}

func TestRenamedRepositoryWarning(t *testing.T) {
	fsys := fstest.MapFS{"s/repos/api.json": {Data: []byte(`{"name": "payroll-api", "default_branch": "main"}`)}}
	doc, err := configure(t, providers.Env{FS: fsys}, `provider "github" { snapshot = "s" }`).Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Warnings) != 1 || doc.Warnings[0].File != "s/repos/api.json" || doc.Warnings[0].Summary != "Repository name differs" || !strings.Contains(doc.Warnings[0].Detail, `holds the repository "payroll-api"; it is listed under "api"`) {
		t.Fatalf("Warnings = %v", doc.Warnings)
	}
}

func TestLoadWithoutSnapshot(t *testing.T) {
	in := configure(t, env(), `provider "github" { organization = "acme-payroll" }`)
	_, err := in.Load(context.Background())
	if err == nil || !strings.Contains(err.Error(), "this block has no snapshot to load") {
		t.Fatalf("Load = %v, want an error saying there is no snapshot", err)
	}
}

func TestLoadCanceled(t *testing.T) {
	in := configure(t, env(), `provider "github" { snapshot = "acme" }`)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := in.Load(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Load = %v, want context.Canceled", err)
	}
}

func TestConfigure(t *testing.T) {
	tests := []struct {
		name, src string
		line      int    // of the first diagnostic's subject
		summary   string // of the first diagnostic
		detail    string // a part of it
	}{
		{"neither snapshot nor organization", `provider "github" {
}`, 1, "Missing snapshot or organization", "needs snapshot"},
		{"unknown attribute", `provider "github" {
  snapshot = "acme"
  token    = "ghp_x"
}`, 3, "Unsupported argument", ""},
		{"absolute snapshot", `provider "github" {
  snapshot = "/var/snapshots/github"
}`, 2, "Invalid path for snapshot", ""},
		{"organization with a slash", `provider "github" {
  organization = "acme-payroll/payroll-api"
}`, 2, "Invalid organization", "is not a GitHub organization login"},
		{"organization a number", `provider "github" {
  organization = ["acme"]
}`, 2, "Incorrect attribute value type", ""},
		{"repositories not a list", `provider "github" {
  organization = "acme-payroll"
  repositories = "payroll-api"
}`, 3, "Incorrect attribute value type", "a list of strings is required"},
		{"repository with owner", `provider "github" {
  organization = "acme-payroll"
  repositories = [
    "acme-payroll/payroll-api",
  ]
}`, 3, "Invalid repository name", `write the name alone ("payroll-api", not "acme/payroll-api")`},
		{"duplicate repository", `provider "github" {
  organization = "acme-payroll"
  repositories = ["payroll-api", "Payroll-API"]
}`, 3, "Duplicate repository", "listed twice"},
		{"api_url http", `provider "github" {
  organization = "acme-payroll"
  api_url      = "http://github.acme.example/api/v3"
}`, 3, "Invalid api_url", "is not https"},
		{"api_url credentials", `provider "github" {
  organization = "acme-payroll"
  api_url      = "https://x:ghp_secret@github.acme.example/api/v3"
}`, 3, "Invalid api_url", "holds credentials"},
		{"api_url relative", `provider "github" {
  organization = "acme-payroll"
  api_url      = "api.github.com"
}`, 3, "Invalid api_url", "is not an absolute URL"},
		{"api_url query", `provider "github" {
  organization = "acme-payroll"
  api_url      = "https://api.github.com/?per_page=100"
}`, 3, "Invalid api_url", "has a query or a fragment"},
		{"token_env holds a token", `provider "github" {
  organization = "acme-payroll"
  token_env    = "ghp_16C7e42F292c6912E7710c838347Ae178B4a"
}`, 3, "Invalid token_env", "looks like a GitHub token"},
		{"token_env not a name", `provider "github" {
  organization = "acme-payroll"
  token_env    = "$GITHUB_TOKEN"
}`, 3, "Invalid token_env", "is not an environment variable name"},
		{"repositories without organization", `provider "github" {
  snapshot     = "acme"
  repositories = ["payroll-api"]
}`, 3, "Missing organization", "repositories is only used to collect"},
		{"api_url without organization", `provider "github" {
  snapshot = "acme"

  api_url = "https://api.github.com"
}`, 4, "Missing organization", "api_url is only used to collect"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, diags := Type{}.Configure(providertest.Body(t, tt.src), nil, env())
			if !diags.HasErrors() || in != nil {
				t.Fatalf("Configure = %v, %v; want %q", in, diags, tt.summary)
			}
			for _, d := range diags {
				if strings.Contains(d.Summary+d.Detail, "16C7e42F292c6912E7710c838347Ae178B4a") {
					t.Errorf("a diagnostic repeats the token: %s", d.Error())
				}
			}
			d := diags[0]
			if d.Summary != tt.summary || d.Subject == nil || d.Subject.Start.Line != tt.line || d.Subject.Filename != "socle.hcl" || !strings.Contains(d.Detail, tt.detail) {
				t.Errorf("got %s (subject %v)\nwant %q on line %d: …%s…", d.Error(), d.Subject, tt.summary, tt.line, tt.detail)
			}
		})
	}
}

func TestConfigureModes(t *testing.T) {
	// A block with only a snapshot cannot collect: a caller that collects
	// what it can loads it instead.
	in := configure(t, env(), `provider "github" { snapshot = "./acme/" }`)
	if _, ok := in.(providers.Collector); ok {
		t.Error("a snapshot-only block is a Collector")
	}
	if got := in.(*instance).snapshot; got != "acme" {
		t.Errorf("snapshot = %q, want it cleaned", got)
	}

	in = configure(t, env(), `provider "github" {
  snapshot     = "acme"
  organization = "acme-payroll"
}`)
	c, ok := in.(*collector)
	if !ok {
		t.Fatalf("a block with an organization is a %T, not a collector", in)
	}
	if c.apiURL != "https://api.github.com" || c.tokenEnv != "GITHUB_TOKEN" || c.repositories != nil {
		t.Errorf("defaults: api_url %q, token_env %q, repositories %q", c.apiURL, c.tokenEnv, c.repositories)
	}
	if _, err := c.Load(context.Background()); err != nil {
		t.Errorf("a collector with a snapshot does not load: %v", err)
	}

	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{
		"local": cty.ObjectVal(map[string]cty.Value{"repos": cty.TupleVal([]cty.Value{cty.StringVal("payroll-api"), cty.StringVal(".github")})}),
	}}
	in, diags := Type{}.Configure(providertest.Body(t, `provider "github" {
  organization = "acme-payroll"
  repositories = local.repos
  api_url      = "https://github.acme.example/api/v3/"
  token_env    = "ACME_GITHUB_TOKEN"
}`), ctx, env())
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	c = in.(*collector)
	if c.apiURL != "https://github.acme.example/api/v3" || c.tokenEnv != "ACME_GITHUB_TOKEN" || !reflect.DeepEqual(c.repositories, []string{"payroll-api", ".github"}) {
		t.Errorf("api_url %q, token_env %q, repositories %q", c.apiURL, c.tokenEnv, c.repositories)
	}
}
