package aws

import (
	"context"
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

// load configures a provider "aws" block over e and loads it.
func load(t *testing.T, e providers.Env, src string) (*providers.Document, error) {
	t.Helper()
	in, diags := Type{}.Configure(providertest.Body(t, src), nil, e)
	if diags.HasErrors() {
		t.Fatalf("Configure: %s", diags.Error())
	}
	return in.Load(context.Background())
}

func TestLoad(t *testing.T) {
	tests := []struct {
		name     string
		items    int
		params   map[string]string
		warnings int
	}{
		{"prod", 15, map[string]string{"snapshot": "snapshots/prod", "account_id": "123456789012"}, 0},
		{"hardened", 1, map[string]string{"snapshot": "snapshots/hardened", "account_id": "210987654321"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := load(t, env(), `provider "aws" { snapshot = "snapshots/`+tt.name+`" }`)
			if err != nil {
				t.Fatal(err)
			}
			if err := providertest.CheckValue(doc.Value); err != nil {
				t.Fatal(err)
			}
			if doc.Items != tt.items || len(doc.Warnings) != tt.warnings || !reflect.DeepEqual(doc.Params, tt.params) {
				t.Errorf("Items = %d, %d warnings, Params = %v; want %d, %d, %v", doc.Items, len(doc.Warnings), doc.Params, tt.items, tt.warnings, tt.params)
			}
			providertest.Golden(t, filepath.Join("testdata", "golden", tt.name+".json"), providertest.Render(t, doc), *update)
		})
	}
}

// TestSample keeps testdata/sample.json, the documented example of the
// normalized document, in step with the code.
func TestSample(t *testing.T) {
	doc, err := load(t, env(), `provider "aws" { snapshot = "snapshots/prod" }`)
	if err != nil {
		t.Fatal(err)
	}
	providertest.Golden(t, filepath.Join("testdata", "sample.json"), providertest.JSON(t, doc.Value), *update)
}

// TestPolicyDocuments checks that URL-encoded documents (the IAM API) and
// decoded ones (the AWS CLI) come out the same: as objects.
func TestPolicyDocuments(t *testing.T) {
	doc, err := load(t, env(), `provider "aws" { snapshot = "snapshots/hardened" }`)
	if err != nil {
		t.Fatal(err)
	}
	iam := doc.Value.(map[string]any)["iam"].(map[string]any)
	role := iam["roles"].(map[string]any)["okta-auditor"].(map[string]any)
	trust := role["AssumeRolePolicyDocument"].(map[string]any)
	if got := trust["Statement"].([]any)[0].(map[string]any)["Action"]; got != "sts:AssumeRoleWithSAML" {
		t.Errorf("trust policy action = %v", got)
	}
	user := iam["users"].(map[string]any)["frank"].(map[string]any)
	inline := user["UserPolicyList"].([]any)[0].(map[string]any)["PolicyDocument"].(map[string]any)
	if got := inline["Statement"].([]any)[0].(map[string]any)["Resource"]; got != "arn:aws:iam::210987654321:user/${aws:username}" {
		t.Errorf("inline policy resource = %v", got)
	}

	for _, s := range []string{
		`{"Version":"2012-10-17","Statement":[]}`,
		`%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D`,
		` {"Version": "2012-10-17", "Statement": []} `,
	} {
		v, err := decodeDocument(s)
		if err != nil {
			t.Errorf("decodeDocument(%q): %v", s, err)
			continue
		}
		if m, ok := v.(map[string]any); !ok || m["Version"] != "2012-10-17" {
			t.Errorf("decodeDocument(%q) = %v", s, v)
		}
	}
	for _, s := range []string{"", "%7B%22a", "%zz", "not json"} {
		if _, err := decodeDocument(s); err == nil {
			t.Errorf("decodeDocument(%q) succeeded", s)
		}
	}
}

// TestIndexesShareValues checks that the credential report rows joined to
// users, and the root row, are the rows of the list, not copies.
func TestIndexesShareValues(t *testing.T) {
	doc, err := load(t, env(), `provider "aws" { snapshot = "snapshots/prod" }`)
	if err != nil {
		t.Fatal(err)
	}
	iam := doc.Value.(map[string]any)["iam"].(map[string]any)
	rows := iam["credential_report"].([]any)
	if len(rows) != 6 {
		t.Fatalf("%d rows, want 6", len(rows))
	}
	same := func(a, b any) bool { return reflect.ValueOf(a).Pointer() == reflect.ValueOf(b).Pointer() }
	if !same(iam["root"], rows[0]) {
		t.Error("root is not the report's first row")
	}
	users := iam["users"].(map[string]any)
	if !same(users["alice"].(map[string]any)["credential_report"], rows[1]) {
		t.Error("alice's credential_report is not her row of the report")
	}
	for name, u := range users {
		row := u.(map[string]any)["credential_report"].(map[string]any)
		if row["user"] != name {
			t.Errorf("users[%s] joined to the row of %v", name, row["user"])
		}
	}
}

// TestAbsentSections loads a snapshot holding one file: every other section
// is there, empty or null.
func TestAbsentSections(t *testing.T) {
	e := providers.Env{FS: fstest.MapFS{
		"exports/aws/kms-list-keys.json": {Data: []byte(`{"Keys": [{"KeyId": "k1", "KeyArn": "arn:aws:kms:eu-west-1:123456789012:key/k1"}]}`)},
	}}
	doc, err := load(t, e, `provider "aws" { snapshot = "exports/aws" }`)
	if err != nil {
		t.Fatal(err)
	}
	got := string(providertest.JSON(t, doc.Value))
	want := `{
  "cloudtrail": {
    "trails": {}
  },
  "files": [
    "exports/aws/kms-list-keys.json"
  ],
  "iam": {
    "credential_report": [],
    "groups": {},
    "password_policy": null,
    "policies": {},
    "roles": {},
    "root": null,
    "users": {}
  },
  "kms": {
    "keys": {
      "k1": {
        "KeyArn": "arn:aws:kms:eu-west-1:123456789012:key/k1",
        "KeyId": "k1",
        "rotation": null
      }
    }
  },
  "rds": {
    "instances": {}
  },
  "s3": {
    "buckets": {}
  }
}
`
	if got != want {
		t.Errorf("document:\n%s\nwant:\n%s", got, want)
	}
	if doc.Items != 1 || !reflect.DeepEqual(doc.Sources, []string{"exports/aws/kms-list-keys.json"}) {
		t.Errorf("Items = %d, Sources = %q", doc.Items, doc.Sources)
	}
}

// TestEmptyBucket checks that a bucket directory holding none of the three
// files is a bucket with nothing configured.
func TestEmptyBucket(t *testing.T) {
	e := providers.Env{FS: fstest.MapFS{
		"aws/s3/acme-archive":             {Mode: 0o755 | os.ModeDir},
		"aws/s3/acme-web/versioning.json": {Data: []byte(`{"Status": "Enabled"}`)},
	}}
	doc, err := load(t, e, `provider "aws" { snapshot = "aws" }`)
	if err != nil {
		t.Fatal(err)
	}
	buckets := doc.Value.(map[string]any)["s3"].(map[string]any)["buckets"].(map[string]any)
	want := map[string]any{"name": "acme-archive", "versioning": nil, "encryption": nil, "public_access_block": nil}
	if !reflect.DeepEqual(buckets["acme-archive"], want) || len(buckets) != 2 || doc.Items != 2 {
		t.Errorf("buckets = %v, Items = %d", buckets, doc.Items)
	}
}

func TestWarnings(t *testing.T) {
	e := providers.Env{FS: fstest.MapFS{
		"aws/iam-account-authorization-details.json": {Data: []byte(`{"UserDetailList": [
			{"UserName": "alice", "Arn": "arn:aws:iam::123456789012:user/alice"},
			{"UserName": "new-hire", "Arn": "arn:aws:iam::123456789012:user/new-hire"}]}`)},
		"aws/credential-report.csv": {Data: []byte("user,arn,user_creation_time,password_enabled,mfa_active\n" +
			"<root_account>,arn:aws:iam::123456789012:root,2021-03-08T08:55:02+00:00,not_supported,true\n" +
			"alice,arn:aws:iam::123456789012:user/alice,2021-03-08T09:14:27+00:00,true,true\n" +
			"departed,arn:aws:iam::123456789012:user/departed,2021-03-08T09:14:27+00:00,true,false\n")},
		"aws/kms-list-keys.json":                        {Data: []byte(`{"Keys": [{"KeyId": "k1", "KeyArn": "arn:aws:kms:eu-west-1:444455556666:key/k1"}]}`)},
		"aws/kms/k2/rotation-status.json":               {Data: []byte(`{"KeyRotationEnabled": true}`)},
		"aws/s3/acme-web/lifecycle.json":                {Data: []byte(`{"Rules": []}`)},
		"aws/credential-report.json":                    {Data: []byte(`{}`)},
		"aws/.aws-cli-cache/x.json":                     {Data: []byte(`{}`)},
		"aws/cloudtrail-trail-status/org-trail.json":    {Data: []byte(`{"IsLogging": true}`)},
		"aws/cloudtrail-trail-status/nested/trail.json": {Data: []byte(`{"IsLogging": true}`)},
	}}
	doc, err := load(t, e, `provider "aws" { snapshot = "aws" }`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range doc.Warnings {
		got = append(got, w.File+": "+w.Summary)
	}
	want := []string{
		"aws/cloudtrail-trail-status/nested/trail.json: Unknown file in the AWS snapshot",
		"aws/credential-report.json: Unknown file in the AWS snapshot",
		"aws/s3/acme-web/lifecycle.json: Unknown file in the AWS snapshot",
		"aws/cloudtrail-trail-status/org-trail.json: Status of an unknown trail",
		"aws/kms/k2/rotation-status.json: Rotation status of an unknown key",
		"aws/credential-report.csv: User not in the authorization details",
		"aws/iam-account-authorization-details.json: User not in the credential report",
		"aws/kms-list-keys.json: Several AWS accounts in one snapshot",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, ok := doc.Params["account_id"]; ok {
		t.Errorf("Params = %v: no account_id for a snapshot of several accounts", doc.Params)
	}
	for _, w := range doc.Warnings {
		if w.Detail == "" {
			t.Errorf("warning %v has no detail", w)
		}
	}
	wantSources := []string{"aws/credential-report.csv", "aws/iam-account-authorization-details.json", "aws/kms-list-keys.json"}
	if !reflect.DeepEqual(doc.Sources, wantSources) {
		t.Errorf("Sources = %q, want %q (files not used are not sources)", doc.Sources, wantSources)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		snapshot, file string
		line, column   int
		summary        string
		detail         string // a part of it
	}{
		{"truncated", "iam-account-authorization-details.json", 24, 57, "Invalid JSON", "unexpected end of file"},
		{"wrong-api", "iam-account-password-policy.json", 1, 1, "Not the output of aws iam get-account-password-policy",
			`the file holds an object with the keys "trailList"; aws iam get-account-password-policy --output json writes an object with "PasswordPolicy" (this looks like the output of aws cloudtrail describe-trails: is it saved under the wrong name?)`},
		{"trails-array", "cloudtrail-describe-trails.json", 1, 1, "Not the output of aws cloudtrail describe-trails", `the file holds an array; aws cloudtrail describe-trails writes an object with "trailList"`},
		{"empty-policy", "iam-account-password-policy.json", 1, 1, "Invalid JSON", "delete the file: an absent file means not configured"},
		{"bad-document", "iam-account-authorization-details.json", 11, 33, "Invalid policy document", "Policies[0].PolicyVersionList[0].Document is a string that is not a policy document: its JSON is invalid"},
		{"duplicate-user", "iam-account-authorization-details.json", 33, 25, "Invalid IAM authorization details", `the user "bob" is listed twice (UserDetailList[1] and UserDetailList[2])`},
		{"rds-type", "rds-describe-db-instances.json", 14, 33, "Invalid DB instance list", `DBInstances[1].StorageEncrypted is the string "true", not a boolean`},
		{"keys-truncated", "kms-list-keys.json", 13, 18, "Incomplete export", "Truncated is true: the file holds one page of aws kms list-keys only"},
		{"next-token", "rds-describe-db-instances.json", 11, 18, "Incomplete export", "NextToken is set"},
		{"ragged-report", "credential-report.csv", 4, 1, "Invalid credential report", "this row has 5 fields but the header (line 1) has 22"},
		{"duplicate-report-user", "credential-report.csv", 5, 1, "Invalid credential report", `the user "alice" has a second row (the first is on line 3)`},
		{"report-json", "credential-report.csv", 1, 1, "Not an IAM credential report", "aws iam get-credential-report --query Content --output text | base64 --decode > credential-report.csv"},
		{"report-header", "credential-report.csv", 1, 1, "Not an IAM credential report", `the header has no column "arn"`},
		{"utf16", "credential-report.csv", 1, 1, "Unsupported text encoding", "UTF-16"},
	}
	e := providers.Env{FS: os.DirFS("testdata/invalid")}
	for _, tt := range tests {
		t.Run(tt.snapshot, func(t *testing.T) {
			_, err := load(t, e, `provider "aws" { snapshot = "`+tt.snapshot+`" }`)
			var se *providers.SourceError
			if !errors.As(err, &se) {
				t.Fatalf("Load = %v, want a *providers.SourceError", err)
			}
			if se.File != tt.snapshot+"/"+tt.file || se.Line != tt.line || se.Column != tt.column || se.Summary != tt.summary || !strings.Contains(se.Detail, tt.detail) {
				t.Errorf("Load error\n got %s:%d:%d: %s: %s\nwant %s/%s:%d:%d: %s: …%s…", se.File, se.Line, se.Column, se.Summary, se.Detail,
					tt.snapshot, tt.file, tt.line, tt.column, tt.summary, tt.detail)
			}
		})
	}
}

func TestLoadSnapshotErrors(t *testing.T) {
	e := providers.Env{FS: fstest.MapFS{
		"aws/kms-list-keys.json": {Data: []byte(`{"Keys": []}`)},
		"notes/README.md":        {Data: []byte("# exports\n")},
		"empty/.keep":            {Data: nil},
	}}
	tests := []struct{ snapshot, want string }{
		{"missing", `the snapshot directory "missing" does not exist`},
		{"aws/kms-list-keys.json", `the snapshot "aws/kms-list-keys.json" is a file; it must name the directory`},
		{"notes", `the snapshot directory "notes" holds none of the AWS CLI exports the aws provider reads`},
		{"empty", `the directory "empty" holds no file`},
	}
	for _, tt := range tests {
		t.Run(tt.snapshot, func(t *testing.T) {
			_, err := load(t, e, `provider "aws" { snapshot = "`+tt.snapshot+`" }`)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "aws provider: ") {
				t.Fatalf("Load = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestLoadCanceled(t *testing.T) {
	in, diags := Type{}.Configure(providertest.Body(t, `provider "aws" { snapshot = "snapshots/prod" }`), nil, env())
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := in.Load(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Load = %v, want context.Canceled", err)
	}
}

func TestConfigure(t *testing.T) {
	tests := []struct {
		name, src string
		line      int    // of the diagnostic's subject
		summary   string // of the first diagnostic
	}{
		{"unknown attribute", `provider "aws" {
  snapshot = "snapshots/prod"
  region   = "us-east-1"
}`, 3, "Unsupported argument"},
		{"missing snapshot", `provider "aws" {
}`, 1, "Missing required argument"},
		{"wrong type", `provider "aws" {
  snapshot = ["snapshots/prod"]
}`, 2, "Incorrect attribute value type"},
		{"absolute path", `provider "aws" {

  snapshot = "/var/lib/exports/aws"
}`, 3, "Invalid path for snapshot"},
		{"parent path", `provider "aws" {
  snapshot = "../aws-exports"
}`, 2, "Invalid path for snapshot"},
		{"glob", `provider "aws" {
  snapshot = "snapshots/*"
}`, 2, "Invalid path for snapshot"},
		{"undefined variable", `provider "aws" {
  snapshot = var.dir
}`, 2, "Variables not allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			providertest.ConfigureFails(t, Type{}, tt.src, env(), tt.line, tt.summary, "")
		})
	}
}

func TestConfigureEvalContext(t *testing.T) {
	src := `provider "aws" { snapshot = "snapshots/${var.environment}" }`
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{
		"var": cty.ObjectVal(map[string]cty.Value{"environment": cty.StringVal("hardened")}),
	}}
	in, diags := Type{}.Configure(providertest.Body(t, src), ctx, env())
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	doc, err := in.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if doc.Params["snapshot"] != "snapshots/hardened" {
		t.Errorf("Params = %v", doc.Params)
	}
}
