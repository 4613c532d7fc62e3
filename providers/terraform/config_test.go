package terraform

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"testing/fstest"
)

// located is a resource of the normalized document and where it should be
// found: "file:line", or "" for no location.
type located struct {
	module, mode, typ, name string
	want                    string
}

func TestConfiguration(t *testing.T) {
	type files = map[string]string
	tests := []struct {
		name      string
		files     files
		dir       string
		resources []located
		warnings  []string // "file:line:column: summary"
	}{
		{
			name: "registry and git modules are skipped",
			files: files{
				"infra/main.tf": `module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.8.1"
}

module "dns" {
  source = "git::https://example.com/acme/modules.git//dns?ref=v1.2.0"
}
`,
			},
			dir: "infra",
			resources: []located{
				{"module.vpc", "managed", "aws_vpc", "this", ""},
				{"module.dns", "managed", "aws_route53_zone", "main", ""},
			},
		},
		{
			name: "modules called with instance keys, nested, by backslash path",
			files: files{
				"infra/main.tf": `module "app" {
  source   = "./app"
  for_each = toset(["blue", "green"])
}
`,
				"infra/app/main.tf": `module "alarms" {
  source = ".\\alarms"
  count  = 1
}
`,
				"infra/app/alarms/main.tf": `
resource "aws_cloudwatch_metric_alarm" "cpu" {
  alarm_name = "cpu"
}
`,
			},
			dir: "infra",
			resources: []located{
				{`module.app["a.b"].module.alarms[0]`, "managed", "aws_cloudwatch_metric_alarm", "cpu", "infra/app/alarms/main.tf:2"},
				{`module.app["blue"].module.alarms[0]`, "managed", "aws_cloudwatch_metric_alarm", "cpu", "infra/app/alarms/main.tf:2"},
				{`module.app.module.alarms`, "managed", "aws_cloudwatch_metric_alarm", "cpu", "infra/app/alarms/main.tf:2"},
				{`module.app["blue"]`, "managed", "aws_cloudwatch_metric_alarm", "cpu", ""}, // not in that module
				{`module.alarms`, "managed", "aws_cloudwatch_metric_alarm", "cpu", ""},      // not called from the root
				{`module.app.module`, "managed", "aws_cloudwatch_metric_alarm", "cpu", ""},  // not a module address
			},
		},
		{
			name: "one module directory called twice and a module calling itself",
			files: files{
				"main.tf": `module "a" {
  source = "./shared"
}
module "b" {
  source = "./shared/../shared"
}
module "self" {
  source = "./"
}
resource "null_resource" "x" {}
`,
				"shared/main.tf": `resource "null_resource" "y" {}`,
			},
			dir: ".",
			resources: []located{
				{"module.a", "managed", "null_resource", "y", "shared/main.tf:1"},
				{"module.b", "managed", "null_resource", "y", "shared/main.tf:1"},
				{"module.self.module.self.module.a", "managed", "null_resource", "y", "shared/main.tf:1"},
				{"module.self", "managed", "null_resource", "x", "main.tf:10"},
			},
		},
		{
			name: "data sources, check blocks and modes",
			files: files{
				"tf/main.tf": `data "aws_caller_identity" "current" {}

resource "aws_caller_identity" "current" {}

check "health" {
  data "http" "api" {
    url = "https://api.example.com/health"
  }

  assert {
    condition     = data.http.api.status_code == 200
    error_message = "the API is down"
  }
}
`,
			},
			dir: "tf",
			resources: []located{
				{"", "data", "aws_caller_identity", "current", "tf/main.tf:1"},
				{"", "managed", "aws_caller_identity", "current", "tf/main.tf:3"},
				{"", "data", "http", "api", "tf/main.tf:6"},
				{"", "managed", "http", "api", ""},
			},
		},
		{
			name: "JSON syntax",
			files: files{
				"tf/cdk.tf.json": `{
  "resource": {
    "aws_s3_bucket": {
      "logs": {
        "bucket": "acme-audit-logs"
      }
    }
  },
  "module": {
    "net": {
      "source": "./net"
    }
  }
}
`,
				"tf/net/main.tf": `resource "aws_vpc" "this" {}`,
			},
			dir: "tf",
			resources: []located{
				{"", "managed", "aws_s3_bucket", "logs", "tf/cdk.tf.json:4"},
				{"module.net", "managed", "aws_vpc", "this", "tf/net/main.tf:1"},
			},
		},
		{
			name: "override files",
			files: files{
				"tf/main.tf": `module "net" {
  source = "./net-v1"
}

resource "aws_s3_bucket" "logs" {
  bucket = "a"
}
`,
				"tf/main_override.tf": `module "net" {
  source = "./net-v2"
}

resource "aws_s3_bucket" "logs" {
  force_destroy = false
}
`,
				"tf/override.tf": `module "net" {
  version = "1.0.0"
}
`,
				"tf/net-v1/main.tf": `resource "aws_vpc" "this" {}`,
				"tf/net-v2/main.tf": "\n\nresource \"aws_vpc\" \"this\" {}",
			},
			dir: "tf",
			resources: []located{
				{"", "managed", "aws_s3_bucket", "logs", "tf/main.tf:5"},
				{"module.net", "managed", "aws_vpc", "this", "tf/net-v2/main.tf:3"},
			},
		},
		{
			name: "files Terraform does not read",
			files: files{
				"tf/main.tf":            `resource "a" "b" {}`,
				"tf/.main.tf":           `garbage {{{`,
				"tf/main.tf~":           `garbage {{{`,
				"tf/#main.tf#":          `garbage {{{`,
				"tf/terraform.tfvars":   `garbage {{{`,
				"tf/README.md":          `# infra`,
				"tf/sub/main.tf":        `resource "a" "c" {}`,
				"tf/main.tftest.hcl":    `run "x" {}`,
				"tf/versions.tf.backup": `garbage {{{`,
			},
			dir: "tf",
			resources: []located{
				{"", "managed", "a", "b", "tf/main.tf:1"},
				{"", "managed", "a", "c", ""}, // a subdirectory is not part of the module
			},
		},
		{
			name: "byte order mark and UTF-16",
			files: files{
				"tf/main.tf":  "\xEF\xBB\xBFresource \"a\" \"b\" {}\n",
				"tf/win.tf":   "\xFF\xFEr\x00",
				"tf/other.tf": `resource "a" "c" {}`,
			},
			dir: "tf",
			resources: []located{
				{"", "managed", "a", "b", "tf/main.tf:1"},
				{"", "managed", "a", "c", "tf/other.tf:1"},
			},
			warnings: []string{"tf/win.tf:1:1: Unsupported text encoding"},
		},
		{
			name: "invalid blocks and module sources",
			files: files{
				"tf/main.tf": `resource "a" {}

module "no_source" {
  version = "1.0"
}

module "variable_source" {
  source = var.path
}

module "outside" {
  source = "../../shared"
}

module "missing" {
  source = "./nowhere"
}

module "empty" {
  source = "./empty"
}

module "no_source" {
  source = "./empty"
}

resource "a" "b" {}
resource "a" "b" {}
`,
				"tf/empty/README.md": "no configuration here",
			},
			dir: "tf",
			resources: []located{
				{"", "managed", "a", "b", "tf/main.tf:27"},
				{"module.outside", "managed", "a", "b", ""},
				{"module.empty", "managed", "a", "b", ""},
			},
			warnings: []string{
				"tf/main.tf:1:14: Invalid Terraform configuration",
				"tf/main.tf:3:20: Invalid Terraform configuration",
				"tf/main.tf:8:12: Invalid module source",
				"tf/main.tf:28:1: Duplicate resource",
				"tf/main.tf:23:1: Duplicate module call",
				"tf/main.tf:12:12: Module outside the policy repository",
				"tf/main.tf:16:12: Module not found",
				"tf/empty:0:0: No Terraform configuration file",
			},
		},
		{
			name:      "source does not exist",
			files:     files{"infra/main.tf": `resource "a" "b" {}`},
			dir:       "infra/prod",
			resources: []located{{"", "managed", "a", "b", ""}},
			warnings:  []string{"infra/prod:0:0: Terraform configuration not found"},
		},
		{
			name:      "source is a file",
			files:     files{"infra/main.tf": `resource "a" "b" {}`},
			dir:       "infra/main.tf",
			resources: []located{{"", "managed", "a", "b", ""}},
			warnings:  []string{"infra/main.tf:0:0: Terraform configuration not found"},
		},
		{
			name:      "source holds no .tf file",
			files:     files{"infra/README.md": `# infra`},
			dir:       "infra",
			resources: []located{{"", "managed", "a", "b", ""}},
			warnings:  []string{"infra:0:0: No Terraform configuration file"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, data := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			cfg, err := readConfiguration(context.Background(), fsys, tt.dir)
			if err != nil {
				t.Fatal(err)
			}
			resources := map[string]any{}
			for i, r := range tt.resources {
				resources[fmt.Sprint(i)] = map[string]any{"module": r.module, "mode": r.mode, "type": r.typ, "name": r.name, "source": nil}
			}
			cfg.locate(resources)
			for i, r := range tt.resources {
				got := ""
				if s, ok := resources[fmt.Sprint(i)].(map[string]any)["source"].(map[string]any); ok {
					got = fmt.Sprintf("%v:%v", s["file"], s["line"])
				}
				if got != r.want {
					t.Errorf("%s %s %s.%s: source %q, want %q", r.module, r.mode, r.typ, r.name, got, r.want)
				}
			}
			var warnings []string
			for _, w := range cfg.warnings {
				if w.Detail == "" {
					t.Errorf("warning without detail: %v", w)
				}
				warnings = append(warnings, fmt.Sprintf("%s:%d:%d: %s", w.File, w.Line, w.Column, w.Summary))
			}
			if !reflect.DeepEqual(warnings, tt.warnings) {
				t.Errorf("warnings:\n%q\nwant\n%q", warnings, tt.warnings)
				for _, w := range cfg.warnings {
					t.Log(w)
				}
			}
		})
	}
}

func TestModuleCalls(t *testing.T) {
	tests := []struct {
		addr string
		want []string
		ok   bool
	}{
		{"", nil, true},
		{"module.net", []string{"net"}, true},
		{"module.net.module.flow_logs", []string{"net", "flow_logs"}, true},
		{`module.app["blue"].module.alarms[0]`, []string{"app", "alarms"}, true},
		{`module.app["a.b].module.c"].module.d`, []string{"app", "d"}, true},
		{"module.m[0][1]", nil, false},
		{"module", nil, false},
		{"module.net.aws_subnet.private", nil, false},
		{"aws_subnet.private", nil, false},
		{"module.", nil, false},
		{`module["net"]`, nil, false},
		{"module.net extra", nil, false},
	}
	for _, tt := range tests {
		got, ok := moduleCalls(tt.addr)
		if ok != tt.ok || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("moduleCalls(%q) = %q, %v; want %q, %v", tt.addr, got, ok, tt.want, tt.want != nil || tt.ok)
		}
	}
}

// TestConfigurationCancel: reading the configuration stops when the load is
// cancelled.
func TestConfigurationCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fsys := fstest.MapFS{"main.tf": &fstest.MapFile{Data: []byte(`resource "a" "b" {}`)}}
	if _, err := readConfiguration(ctx, fsys, "."); err == nil {
		t.Fatal("readConfiguration ignored the cancelled context")
	}
}
