package postgres

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/jackc/pgx/v5"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/socle-dev/socle/providers"
	"github.com/socle-dev/socle/providers/internal/providertest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func env() providers.Env {
	return providers.Env{FS: os.DirFS("testdata"), Dir: "testdata"}
}

// evalContext holds an env() function like the configuration's, so that the
// tests configure a dsn the way users do.
func evalContext() *hcl.EvalContext {
	return &hcl.EvalContext{Functions: map[string]function.Function{
		"env": function.New(&function.Spec{
			Params: []function.Parameter{{Name: "name", Type: cty.String}},
			Type:   function.StaticReturnType(cty.String),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				return cty.StringVal(os.Getenv(args[0].AsString())), nil
			},
		}),
	}}
}

// load configures a provider "postgres" block over testdata and loads it.
func load(t *testing.T, src string) (*providers.Document, error) {
	t.Helper()
	in, diags := Type{}.Configure(providertest.Body(t, src), evalContext(), env())
	if diags.HasErrors() {
		t.Fatalf("Configure: %s", diags.Error())
	}
	return in.Load(context.Background())
}

func TestLoad(t *testing.T) {
	for _, name := range []string{"minimal", "sample"} {
		t.Run(name, func(t *testing.T) {
			doc, err := load(t, `provider "postgres" { snapshot = "`+name+`.json" }`)
			if err != nil {
				t.Fatal(err)
			}
			if err := providertest.CheckValue(doc.Value); err != nil {
				t.Fatal(err)
			}
			providertest.Golden(t, filepath.Join("testdata", "golden", name+".json"), providertest.Render(t, doc), *update)
			want := map[string]string{"snapshot": name + ".json", "schemas": "public"}
			if !reflect.DeepEqual(doc.Params, want) {
				t.Errorf("Params = %v, want %v", doc.Params, want)
			}
		})
	}
}

// TestSample keeps testdata/sample.json, the documented example of the
// document, a fixed point: loading it and writing it back changes nothing.
func TestSample(t *testing.T) {
	doc, err := load(t, `provider "postgres" { snapshot = "sample.json" }`)
	if err != nil {
		t.Fatal(err)
	}
	providertest.Golden(t, filepath.Join("testdata", "sample.json"), providertest.JSON(t, doc.Value), *update)
}

func TestLoadSortsAndChecksMembers(t *testing.T) {
	doc, err := load(t, `provider "postgres" { snapshot = "sample.json" }`)
	if err != nil {
		t.Fatal(err)
	}
	v := doc.Value.(map[string]any)
	roles := v["roles"].(map[string]any)
	if doc.Items != len(roles) || len(roles) != 22 {
		t.Errorf("Items = %d for %d roles, want 22", doc.Items, len(roles))
	}
	got := roles["auditor"].(map[string]any)["member_of"]
	if want := []any{"ledger_ro", "pg_read_all_settings"}; !reflect.DeepEqual(got, want) {
		t.Errorf("auditor member_of = %v, want %v", got, want)
	}
	// Every membership appears in its member's member_of, and nothing else.
	n := 0
	for _, m := range v["memberships"].([]any) {
		m := m.(map[string]any)
		of := roles[m["member"].(string)].(map[string]any)["member_of"].([]any)
		if !slices.Contains(of, m["role"]) {
			t.Errorf("membership %v is not in member_of", m)
		}
	}
	for _, r := range roles {
		n += len(r.(map[string]any)["member_of"].([]any))
	}
	if n != len(v["memberships"].([]any)) {
		t.Errorf("member_of lists %d memberships, memberships %d", n, len(v["memberships"].([]any)))
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		file         string
		line, column int
		summary      string
		detail       string // a part of it
	}{
		{"invalid/truncated.json", 32, 13, "Invalid JSON", "unexpected end of file"},
		{"invalid/wrong-type.json", 6, 20, "Invalid PostgreSQL snapshot", `roles."app".superuser: the value is a string, not a boolean`},
		{"invalid/unknown-field.json", 35, 133, "Invalid PostgreSQL snapshot", `table_privileges[0]: unknown field "with_hierarchy"`},
		{"invalid/missing-field.json", 17, 16, "Invalid PostgreSQL snapshot", `roles."readers": the field "member_of" is missing`},
		{"invalid/name-mismatch.json", 18, 15, "Invalid PostgreSQL snapshot", `roles."readers".name: the role is keyed "readers" but named "reader"`},
		{"invalid/duplicate-role.json", 17, 5, "Invalid PostgreSQL snapshot", `the key "app" is written twice in this object`},
		{"invalid/unknown-member.json", 32, 35, "Invalid PostgreSQL snapshot", `memberships[0].member: "ghost" is not a role of roles`},
		{"invalid/not-integer.json", 26, 27, "Invalid PostgreSQL snapshot", `roles."readers".connection_limit: 1.5 is not an integer`},
		{"invalid/member-of-unknown.json", 15, 32, "Invalid PostgreSQL snapshot", `roles."app".member_of[1]: "admins" is not a role of roles`},
		{"invalid/not-an-object.json", 1, 1, "Invalid PostgreSQL snapshot", "the document: the value is an array, not an object"},
		{"invalid/terraform-plan.json", 2, 3, "Invalid PostgreSQL snapshot", `the document: unknown field "format_version"`},
		{"invalid/missing-section.json", 1, 1, "Invalid PostgreSQL snapshot", `the document: the field "extensions" is missing`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := load(t, `provider "postgres" { snapshot = "`+tt.file+`" }`)
			var se *providers.SourceError
			if !errors.As(err, &se) {
				t.Fatalf("Load = %v, want a *providers.SourceError", err)
			}
			if se.File != tt.file || se.Line != tt.line || se.Column != tt.column || se.Summary != tt.summary || !strings.Contains(se.Detail, tt.detail) {
				t.Errorf("got %#v\nwant %s:%d:%d %s: …%s…", *se, tt.file, tt.line, tt.column, tt.summary, tt.detail)
			}
		})
	}
}

func TestLoadManyFiles(t *testing.T) {
	_, err := load(t, `provider "postgres" { snapshot = "invalid/t*.json" }`)
	if err == nil || !strings.Contains(err.Error(), `the snapshot "invalid/t*.json" names 2 files (invalid/terraform-plan.json, invalid/truncated.json)`) {
		t.Fatalf("Load = %v, want an error naming both files", err)
	}
}

func TestConfigure(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		summary   string
	}{
		{"unknown attribute", `provider "postgres" {
  snapshot = "sample.json"
  database = "ledger"
}`, 3, "Unsupported argument"},
		{"neither dsn nor snapshot", `provider "postgres" {
  schemas = ["ledger"]
}`, 1, "Missing dsn or snapshot"},
		{"empty dsn and no snapshot", `provider "postgres" {
  dsn = env("SOCLE_TEST_UNSET_VARIABLE")
}`, 1, "Missing dsn or snapshot"},
		{"malformed dsn", `provider "postgres" {
  dsn = "postgres://app:s3cret@db.internal:notaport/ledger"
}`, 2, "Invalid value for dsn"},
		{"bad sslmode", `provider "postgres" {
  dsn = "host=db.internal password=s3cret sslmode=sometimes"
}`, 2, "Invalid value for dsn"},
		{"schemas not a list", `provider "postgres" {
  snapshot = "sample.json"
  schemas  = "public"
}`, 3, "Invalid value for schemas"},
		{"empty schemas", `provider "postgres" {
  snapshot = "sample.json"
  schemas  = []
}`, 3, "Invalid value for schemas"},
		{"schema twice", `provider "postgres" {
  snapshot = "sample.json"
  schemas  = ["ledger", "public", "ledger"]
}`, 3, "Invalid value for schemas"},
		{"schema not a string", `provider "postgres" {
  snapshot = "sample.json"
  schemas  = ["ledger", ["public"]]
}`, 3, "Invalid value for schemas"},
		{"absolute snapshot", `provider "postgres" {
  snapshot = "/var/backups/ledger.json"
}`, 2, "Invalid path for snapshot"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, diags := Type{}.Configure(providertest.Body(t, tt.src), evalContext(), env())
			if !diags.HasErrors() || in != nil {
				t.Fatalf("Configure = %v, %v; want %q", in, diags, tt.summary)
			}
			d := diags[0]
			if d.Summary != tt.summary || d.Subject == nil || d.Subject.Start.Line != tt.line {
				t.Errorf("got %s (subject %v), want %q on line %d", d.Error(), d.Subject, tt.summary, tt.line)
			}
			if strings.Contains(diags.Error(), "s3cret") {
				t.Errorf("the diagnostics leak the password: %s", diags.Error())
			}
		})
	}
}

func TestConfigureDSN(t *testing.T) {
	t.Setenv("SOCLE_TEST_LEDGER_DSN", "postgres://collector:s3cret@db.internal:6432/ledger?sslmode=verify-full")
	in, diags := Type{}.Configure(providertest.Body(t, `provider "postgres" {
  dsn     = env("SOCLE_TEST_LEDGER_DSN")
  schemas = ["ledger", "audit"]
}`), evalContext(), env())
	if len(diags) != 0 {
		t.Fatal(diags.Error())
	}
	want := map[string]string{"host": "db.internal", "port": "6432", "database": "ledger", "user": "collector", "schemas": "ledger,audit"}
	if got := in.(*instance).params(); !reflect.DeepEqual(got, want) {
		t.Errorf("params = %v, want %v", got, want)
	}
	if got := in.(*instance).server(); got != "postgres://collector@db.internal:6432/ledger" {
		t.Errorf("server = %q", got)
	}

	// A password written in the file itself is a warning.
	in, diags = Type{}.Configure(providertest.Body(t, `provider "postgres" {
  dsn = "postgres://collector:s3cret@db.internal/ledger"
}`), evalContext(), env())
	if in == nil || len(diags) != 1 || diags[0].Severity != hcl.DiagWarning || diags[0].Summary != "Password written in the configuration" || diags[0].Subject.Start.Line != 2 {
		t.Errorf("Configure = %v, %v; want one warning on line 2", in, diags)
	}
}

// TestCollectDoesNotLeakPassword connects to a port where nothing listens
// with a password in the DSN: the error says where it tried, not the secret.
func TestCollectDoesNotLeakPassword(t *testing.T) {
	const secret = "Tr0ub4dor-and-3"
	for _, dsn := range []string{
		"postgres://collector:" + secret + "@127.0.0.1:1/ledger?sslmode=disable&connect_timeout=2",
		"host=127.0.0.1 port=1 dbname=ledger user=collector password=" + secret + " sslmode=disable",
	} {
		t.Setenv("SOCLE_TEST_LEDGER_DSN", dsn)
		in, diags := Type{}.Configure(providertest.Body(t, `provider "postgres" { dsn = env("SOCLE_TEST_LEDGER_DSN") }`), evalContext(), env())
		if diags.HasErrors() {
			t.Fatal(diags.Error())
		}
		doc, err := in.Load(context.Background())
		if err == nil {
			t.Fatalf("Load = %v, want a connection error", doc)
		}
		t.Log(err)
		if strings.Contains(err.Error(), secret) {
			t.Errorf("the error leaks the password: %v", err)
		}
		if !strings.Contains(err.Error(), "cannot connect to postgres://collector@127.0.0.1:1/ledger") {
			t.Errorf("the error does not say where it tried: %v", err)
		}
		if p := fmt.Sprint(in.(*instance).params()); strings.Contains(p, secret) {
			t.Errorf("Params leak the password: %s", p)
		}
	}
}

func TestCollectNeedsDSN(t *testing.T) {
	in, diags := Type{}.Configure(providertest.Body(t, `provider "postgres" { snapshot = "sample.json" }`), evalContext(), env())
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if _, err := in.(providers.Collector).Collect(context.Background()); err == nil || !strings.Contains(err.Error(), "collecting needs a dsn") {
		t.Errorf("Collect = %v, want an error asking for a dsn", err)
	}
}

func TestParseReason(t *testing.T) {
	for dsn, want := range map[string]string{
		"postgres://app:s3cret@db:notaport/ledger":  "invalid port",
		"postgres://app:s3%zzret@db/ledger":         "failed to parse as URL",
		"host=db password=s3cret sslmode=sometimes": "failed to configure TLS: sslmode is invalid",
		"host=db password=s3 cret":                  "failed to parse as keyword/value",
		"host=db password='s3cret":                  "failed to parse as keyword/value: unterminated quoted string",
	} {
		_, err := pgx.ParseConfig(dsn)
		if got := parseReason(err); !strings.Contains(got, want) || strings.Contains(got, "s3cret") {
			t.Errorf("parseReason(%q) = %q, want %q without the password", dsn, got, want)
		}
	}
}
