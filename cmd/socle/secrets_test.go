package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Secrets planted in every provider's snapshot: by field name (password,
// token, secret, private_key, …) and by format (AWS access key ids, GitHub
// tokens, PEM private keys). None may appear in any output, report, the
// evidence store or an exported bundle.
var planted = map[string]string{
	"terraform field":        "tf-planted-pw-3141",
	"terraform AWS key":      "AKIAPLANTEDTF0000001",
	"kubernetes field":       "k8s-planted-token-2718",
	"kubernetes env":         "k8s-planted-env-1618",
	"kubernetes GitHub":      "ghp_PLANTEDk8s0123456789abcdefghijklmnopq",
	"github field":           "gh-planted-webhook-1414",
	"github fine-grained":    "github_pat_11PLANTED0000000000_abcdefghijklmnopqrstuvwx",
	"aws AWS key":            "AKIAPLANTEDAWS000001",
	"aws tag":                "aws-planted-dbpw-1732",
	"csv field":              "csv-planted-pw-1123",
	"yaml PEM":               "MIIEplantedPEMbody0123456789",
	"yaml GitHub":            "ghs_PLANTEDyaml0123456789abcdefghijklmnop",
	"postgres AWS key":       "AKIAPLANTEDPG0000001",
	"command field":          "cmd-planted-secret-5772",
	"command STS key":        "ASIAPLANTEDCMD000001",
	"plug-in field":          "plugin-planted-pw-8080",
	"plug-in GitHub":         "gho_PLANTEDplugin0123456789abcdefghijklm",
	"policy message AWS key": "AKIAZZZZPLANTEDMSG01",
}

const plantedHCL = `objective "planted" {
  ref   = "SEC-1"
  title = "Secrets never written"
}

socle {
  organization = "Acme Payroll, Inc."
  system       = "Payroll Processing Platform"
  store        = "sqlite://.socle/evidence.db"
  secret_fields = ["webhook_url_key"]

  period {
    start = "2026-01-01"
    end   = "2026-12-31"
  }

  limits {
    message_size = "64MiB"
  }
}

provider "aws" {
  snapshot = "snapshots/aws"
}

provider "postgres" {
  snapshot = "snapshots/postgres.json"
}

provider "file" {
  alias    = "vault_csv"
  snapshot = "snapshots/vault/accounts.csv"
}

provider "file" {
  alias    = "vault_yaml"
  snapshot = "snapshots/vault/keys.yaml"
}

provider "inventory" {
  path = "snapshots/inventory.json"
}

provider "command" {
  command = ["/bin/sh", "-c", "cat snapshots/command.json"]
}
`

const plantedPolicy = `package planted

import rego.v1

resources contains "everything"

# The policy sees the input as socle built it, and writes all of it into a
# message; and it builds an AWS key at run time, which socle must redact from
# its message.
deny contains {"resource": "everything", "message": sprintf("input: %v", [input])}

deny contains {"resource": "everything", "message": concat("", ["leaked ", "AKIA", "ZZZZPLANTEDMSG01"])}
`

// plantSecrets turns a copy of the example repository into one whose every
// provider's snapshot holds secrets, with a control per provider.
func plantSecrets(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "repo")
	if err := os.CopyFS(dir, os.DirFS("../../examples/payroll")); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(dir, ".socle"))
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit := func(name, old, new string) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(old)) {
			t.Fatalf("%s does not contain %q", name, old)
		}
		write(name, strings.Replace(string(b), old, new, 1))
	}

	// Terraform: a field of the planned values, not marked sensitive.
	var plan map[string]any
	b, err := os.ReadFile(filepath.Join(dir, "snapshots/terraform/plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &plan); err != nil {
		t.Fatal(err)
	}
	after := plan["resource_changes"].([]any)[0].(map[string]any)["change"].(map[string]any)["after"].(map[string]any)
	after["master_password"] = planted["terraform field"]
	after["description"] = "rotated key " + planted["terraform AWS key"]
	values := plan["planned_values"].(map[string]any)["root_module"].(map[string]any)["resources"].([]any)[0].(map[string]any)["values"].(map[string]any)
	values["master_password"] = planted["terraform field"]
	values["description"] = "rotated key " + planted["terraform AWS key"]
	b, _ = json.Marshal(plan)
	write("snapshots/terraform/plan.json", string(b))

	// Kubernetes: a ConfigMap field, an environment variable, a token in a note.
	write("snapshots/kubernetes/planted.yaml", `apiVersion: v1
kind: ConfigMap
metadata:
  name: planted
  namespace: payroll
  annotations:
    note: "`+planted["kubernetes GitHub"]+`"
data:
  api_token: `+planted["kubernetes field"]+`
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: planted
  namespace: payroll
spec:
  template:
    spec:
      containers:
        - name: app
          image: registry.acme.example/app:1.0
          env:
            - name: DB_PASSWORD
              value: `+planted["kubernetes env"]+`
`)

	// GitHub: a secret-named field and a token in the description.
	edit("snapshots/github-org/repos/payroll-api.json", `"name": "payroll-api",`, `"name": "payroll-api", "webhook_secret": "`+planted["github field"]+`",`)
	edit("snapshots/github-org/repos/payroll-api.json", `"description": "Payroll calculation API`, `"description": "`+planted["github fine-grained"]+` Payroll calculation API`)

	// AWS: a key id and a secret-named tag.
	if err := os.CopyFS(filepath.Join(dir, "snapshots/aws"), os.DirFS("../../providers/aws/testdata/snapshots/prod")); err != nil {
		t.Fatal(err)
	}
	edit("snapshots/aws/iam-account-authorization-details.json", `"Value": "platform"`, `"Value": "`+planted["aws AWS key"]+`"}, {"Key": "db_password", "Value": "`+planted["aws tag"]+`"`)

	// PostgreSQL: a key id in the server version string.
	pg, err := os.ReadFile("../../providers/postgres/testdata/minimal.json")
	if err != nil {
		t.Fatal(err)
	}
	write("snapshots/postgres.json", strings.Replace(string(pg), `"version": "16.4`, `"version": "16.4 `+planted["postgres AWS key"], 1))

	// Files: a CSV password column, a YAML private key and token.
	write("snapshots/vault/accounts.csv", "id,password,owner\nsvc-batch,"+planted["csv field"]+",ops\n")
	write("snapshots/vault/keys.yaml", `- id: signing
  private_key: |
    -----BEGIN RSA PRIVATE KEY-----
    `+planted["yaml PEM"]+`
    -----END RSA PRIVATE KEY-----
  pem_in_notes: "-----BEGIN PRIVATE KEY-----\n`+planted["yaml PEM"]+`\n-----END PRIVATE KEY-----"
- id: ci
  notes: deploy with `+planted["yaml GitHub"]+`
`)

	write("snapshots/command.json", `[{"id": "svc", "client_secret": "`+planted["command field"]+`", "note": "`+planted["command STS key"]+`"}]`)
	write("snapshots/inventory.json", `{"exported_at": "2026-03-01T06:00:00Z", "assets": [
  {"id": "srv-001", "owner": "dba-team", "disk_encrypted": true, "root_password": "`+planted["plug-in field"]+`", "os": "Ubuntu `+planted["plug-in GitHub"]+`"}
]}`)
	write("planted.hcl", plantedHCL)
	os.Remove(filepath.Join(dir, "socle.hcl.orig"))
	// The example's socle block moves into planted.hcl (one socle block).
	edit("socle.hcl", `socle {
  organization = "Acme Payroll, Inc."
  system       = "Payroll Processing Platform"
  store        = "sqlite://.socle/evidence.db"

  period {
    start = "2026-01-01"
    end   = "2026-12-31"
  }
}`, "")
	var controls strings.Builder
	for i, p := range []string{"terraform", "kubernetes", "github", "aws", "postgres", "file.vault_csv", "file.vault_yaml", "command", "inventory", "file.idp", "file.hr"} {
		controls.WriteString(`
control "planted_` + strings.ReplaceAll(p, ".", "_") + `" {
  ref       = "SEC-1.` + string(rune('a'+i)) + `"
  objective = objective.planted
  title     = "Nothing secret is written (` + p + `)"
  policy    = "planted"
  providers = [` + p + `]
}
`)
	}
	write("planted_controls.hcl", controls.String())
	write("policies/planted.rego", plantedPolicy)
	return dir
}

func TestSecretsNeverWritten(t *testing.T) {
	plugins := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(plugins, "socle-provider-inventory"), "./providers/plugin/testdata/socle-provider-inventory")
	build.Dir = "../.."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the test plug-in: %v\n%s", err, out)
	}
	env := []string{"SOCLE_ALLOW_EXEC=1", "SOCLE_PLUGIN_PATH=" + plugins}
	dir := plantSecrets(t)
	out := filepath.Join(t.TempDir(), "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	formats := []string{"text", "json", "sarif", "junit", "markdown", "github", "evidence"}
	args := []string{"eval", ".", "--allow-exec", "--record", "--as-of", "2026-03-02", "--fail-on", "none"}
	for _, f := range formats {
		args = append(args, "--format", f+"="+filepath.Join(out, "eval."+f))
	}
	r := socleEnv(t, dir, env, args...)
	if r.code != 0 && r.code != 3 {
		t.Fatalf("eval: exit %d\n%s", r.code, r.stderr)
	}
	everything := map[string][]byte{"eval stderr": []byte(r.stderr), "eval stdout": []byte(r.stdout)}

	for _, f := range []string{"html", "markdown", "oscal", "json", "xlsx"} {
		path := filepath.Join(out, "report."+f)
		rr := socleEnv(t, dir, env, "report", ".", "--period", "2026-03-01..2026-03-31", "--format", f, "--output", path)
		if rr.code != 0 {
			t.Fatalf("report --format %s: exit %d\n%s", f, rr.code, rr.stderr)
		}
		everything["report stderr "+f] = []byte(rr.stderr)
	}
	if rr := socleEnv(t, dir, env, "evidence", "export", "--output", filepath.Join(out, "export")); rr.code != 0 {
		t.Fatalf("evidence export: exit %d\n%s", rr.code, rr.stderr)
	}
	// socle collect bundles every input (the postgres block, with a snapshot
	// and no dsn, cannot be collected live: exit 2, the rest is bundled).
	if rr := socleEnv(t, dir, env, "collect", ".", "--allow-exec", "--output", filepath.Join(out, "bundle")); !strings.Contains(rr.stderr, "Wrote ") {
		t.Fatalf("collect: exit %d\n%s", rr.code, rr.stderr)
	}

	// Every file written: outputs, reports (the xlsx unzipped), the export,
	// the snapshot bundle, and the SQLite store's files, byte for byte.
	for _, root := range []string{out, filepath.Join(dir, ".socle")} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			everything[path] = b
			if strings.HasSuffix(path, ".xlsx") {
				zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
				if err != nil {
					return err
				}
				for _, f := range zr.File {
					rc, err := f.Open()
					if err != nil {
						return err
					}
					data, _ := io.ReadAll(rc)
					rc.Close()
					everything[path+"!"+f.Name] = data
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := everything[filepath.Join(dir, ".socle", "evidence.db")]; !ok {
		t.Fatal("no evidence store was written")
	}
	for name, data := range everything {
		for what, secret := range planted {
			if bytes.Contains(data, []byte(secret)) {
				t.Errorf("%s holds the %s secret %s", name, what, secret)
			}
		}
	}

	// The test is not vacuous: the secret-named fields reached the policy,
	// redacted, and every provider's control ran.
	var doc struct {
		Results []struct {
			Control  struct{ Label string }
			Status   string
			Error    *string
			Findings []struct{ Message string }
		}
	}
	if err := json.Unmarshal(everything[filepath.Join(out, "eval.json")], &doc); err != nil {
		t.Fatal(err)
	}
	dumps := map[string]string{}
	for _, res := range doc.Results {
		if !strings.HasPrefix(res.Control.Label, "planted_") {
			continue
		}
		if res.Status != "fail" {
			t.Errorf("%s: %s %v", res.Control.Label, res.Status, res.Error)
			continue
		}
		for _, f := range res.Findings {
			dumps[res.Control.Label] += f.Message + "\n"
		}
	}
	for label, want := range map[string][]string{
		"planted_terraform":       {"master_password:(sensitive)", "rotated key (sensitive)"},
		"planted_kubernetes":      {"api_token:(sensitive)", "value:(sensitive)", "note:(sensitive)"},
		"planted_aws":             {"Value:(sensitive)"},
		"planted_file_vault_csv":  {"password:(sensitive)"},
		"planted_file_vault_yaml": {"private_key:(sensitive)", "pem_in_notes:(sensitive)", "deploy with (sensitive)"},
		"planted_command":         {"client_secret:(sensitive)", "note:(sensitive)"},
		"planted_postgres":        {"16.4 (sensitive)"},
		"planted_github":          {"(sensitive) Payroll calculation API"},
		"planted_inventory":       {"root_password:(sensitive)", "Ubuntu (sensitive)"},
	} {
		for _, w := range want {
			if !strings.Contains(strings.NewReplacer(`"`, "", ": ", ":").Replace(dumps[label]), w) {
				t.Errorf("%s: the policy did not see %q:\n%.2000s", label, w, dumps[label])
			}
		}
		if !strings.Contains(dumps[label], "leaked (sensitive)") {
			t.Errorf("%s: the policy's message was not redacted: %.300s", label, dumps[label])
		}
	}
}
