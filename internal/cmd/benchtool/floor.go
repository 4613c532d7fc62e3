package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// The floor: the 20 checks of testdata/bench written in plain Go over a
// Terraform plan decoded with encoding/json, as a Go programmer would write
// them without a policy engine. It is what socle's time is compared with
// (scripts/bench-compare.sh); TestFloorAgreesWithSocle checks that it finds
// exactly what socle finds.

type tfPlan struct {
	PlannedValues struct {
		RootModule tfModule `json:"root_module"`
	} `json:"planned_values"`
	ResourceChanges []struct {
		Address string `json:"address"`
		Deposed string `json:"deposed"`
		Change  struct {
			Actions      []string       `json:"actions"`
			AfterUnknown map[string]any `json:"after_unknown"`
		} `json:"change"`
	} `json:"resource_changes"`
}

type tfModule struct {
	Resources    []*tfResource `json:"resources"`
	ChildModules []tfModule    `json:"child_modules"`
}

type tfResource struct {
	Address string         `json:"address"`
	Mode    string         `json:"mode"`
	Type    string         `json:"type"`
	Values  map[string]any `json:"values"`

	actions []string
	unknown map[string]any
}

// finding is one deny or warn of a check.
type finding struct{ Resource, Msg string }

// checkResult is what one check found.
type checkResult struct {
	Population map[string]bool
	Deny, Warn map[finding]bool
}

func newResult() *checkResult {
	return &checkResult{Population: map[string]bool{}, Deny: map[finding]bool{}, Warn: map[finding]bool{}}
}

func (c *checkResult) deny(addr, format string, args ...any) {
	c.Deny[finding{addr, fmt.Sprintf(format, args...)}] = true
}

// floor runs the checks on the plan at path and prints, for each, the size
// of its population and its deny and warn counts.
func floor(path string, w io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	results, err := runFloor(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	names := make([]string, 0, len(results))
	for n := range results {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		r := results[n]
		fmt.Fprintf(w, "%-26s %7d resources %6d deny %6d warn\n", n, len(r.Population), len(r.Deny), len(r.Warn))
	}
	return nil
}

func runFloor(r io.Reader) (map[string]*checkResult, error) {
	var p tfPlan
	if err := json.NewDecoder(r).Decode(&p); err != nil {
		return nil, err
	}
	planned := map[string]*tfResource{}
	byType := map[string][]*tfResource{}
	var walk func(m tfModule)
	walk = func(m tfModule) {
		for _, r := range m.Resources {
			planned[r.Address] = r
			if r.Mode == "managed" {
				byType[r.Type] = append(byType[r.Type], r)
			}
		}
		for _, c := range m.ChildModules {
			walk(c)
		}
	}
	walk(p.PlannedValues.RootModule)
	var deleted []string
	seen := map[string]bool{}
	for _, rc := range p.ResourceChanges {
		r := planned[rc.Address]
		if r != nil && rc.Deposed == "" {
			r.actions, r.unknown = rc.Change.Actions, rc.Change.AfterUnknown
		}
		if r == nil && slices.Contains(rc.Change.Actions, "delete") && !seen[rc.Address] {
			seen[rc.Address] = true
			deleted = append(deleted, rc.Address)
		}
	}
	out := map[string]*checkResult{}
	for name, check := range checks {
		res := newResult()
		check(byType, deleted, res)
		out[name] = res
	}
	return out, nil
}

// Helpers with the meaning of the Rego ones (object.get with a default).
func get(m map[string]any, k string, def any) any {
	if v, ok := m[k]; ok {
		return v
	}
	return def
}

func str(v any) string { s, _ := v.(string); return s }

func list(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case nil:
		return nil
	}
	return []any{v}
}

func obj(v any) map[string]any { m, _ := v.(map[string]any); return m }

func isTrue(v any) bool { return v == true }

func num(v any) (float64, bool) { f, ok := v.(float64); return f, ok }

func bucketOf(r *tfResource) string { return str(get(r.Values, "bucket", "")) }

var worldCIDRs = map[string]bool{"0.0.0.0/0": true, "::/0": true}

func worldSources(rule map[string]any) []string {
	var out []string
	for _, attr := range []string{"cidr_blocks", "ipv6_cidr_blocks"} {
		for _, c := range list(rule[attr]) {
			if s := str(c); worldCIDRs[s] {
				out = append(out, s)
			}
		}
	}
	return out
}

func statements(doc string) []map[string]any {
	var v map[string]any
	if json.Unmarshal([]byte(doc), &v) != nil {
		return nil
	}
	var out []map[string]any
	for _, s := range list(get(v, "Statement", []any{})) {
		if m := obj(s); m != nil {
			out = append(out, m)
		}
	}
	return out
}

func hasString(vs []any, s string) bool {
	for _, v := range vs {
		if v == s {
			return true
		}
	}
	return false
}

var indexSuffix = regexp.MustCompile(`\[[^\]]*\]$`)

type checkFunc func(byType map[string][]*tfResource, deleted []string, res *checkResult)

var stateful = map[string]bool{"aws_s3_bucket": true, "aws_db_instance": true, "aws_ebs_volume": true, "aws_kms_key": true, "aws_cloudwatch_log_group": true}

var approvedTLS = map[string]bool{
	"ELBSecurityPolicy-TLS13-1-2-2021-06": true, "ELBSecurityPolicy-TLS13-1-2-Res-2021-06": true,
	"ELBSecurityPolicy-TLS13-1-3-2021-06": true, "ELBSecurityPolicy-TLS-1-2-2017-01": true,
	"ELBSecurityPolicy-TLS-1-2-Ext-2018-06": true, "ELBSecurityPolicy-FS-1-2-Res-2020-10": true,
}

var checks = map[string]checkFunc{
	"cloudtrail_configured": func(bt map[string][]*tfResource, _ []string, res *checkResult) {
		for _, t := range bt["aws_cloudtrail"] {
			res.Population[t.Address] = true
			if !isTrue(get(t.Values, "is_multi_region_trail", false)) {
				res.deny(t.Address, "%s: the trail records a single region", t.Address)
			}
			if !isTrue(get(t.Values, "enable_log_file_validation", false)) {
				res.deny(t.Address, "%s: log file validation is disabled", t.Address)
			}
			if get(t.Values, "enable_logging", true) == false {
				res.deny(t.Address, "%s: logging is turned off", t.Address)
			}
		}
	},
	"cloudtrail_kms_rotation": func(bt map[string][]*tfResource, _ []string, res *checkResult) {
		rotating := map[string]bool{}
		for _, k := range bt["aws_kms_key"] {
			if isTrue(get(k.Values, "enable_key_rotation", false)) {
				for _, attr := range []string{"arn", "key_id"} {
					if id, ok := get(k.Values, attr, "").(string); ok && id != "" {
						rotating[id] = true
					}
				}
			}
		}
		for _, t := range bt["aws_cloudtrail"] {
			res.Population[t.Address] = true
			key := get(t.Values, "kms_key_id", nil)
			if (key == nil || key == "") && !isTrue(t.unknown["kms_key_id"]) {
				res.deny(t.Address, "%s: logs are not encrypted with a KMS key", t.Address)
			}
			if s, ok := key.(string); ok && s != "" && !rotating[s] {
				res.deny(t.Address, "%s: KMS key %s does not rotate (or is not managed here)", t.Address, s)
			}
		}
	},
	"ebs_encryption": func(bt map[string][]*tfResource, _ []string, res *checkResult) {
		for _, r := range bt["aws_ebs_volume"] {
			res.Population[r.Address] = true
			if !isTrue(get(r.Values, "encrypted", false)) {
				res.deny(r.Address, "%s: the volume is not encrypted", r.Address)
			}
		}
		for _, r := range bt["aws_instance"] {
			res.Population[r.Address] = true
			for _, d := range list(get(r.Values, "root_block_device", []any{})) {
				if !isTrue(get(obj(d), "encrypted", false)) {
					res.deny(r.Address, "%s: the root volume is not encrypted", r.Address)
				}
			}
		}
	},
	"ec2_imdsv2": func(bt map[string][]*tfResource, _ []string, res *checkResult) {
		for _, r := range bt["aws_instance"] {
			res.Population[r.Address] = true
			required := false
			for _, m := range list(get(r.Values, "metadata_options", []any{})) {
				required = required || obj(m)["http_tokens"] == "required"
			}
			if !required {
				res.deny(r.Address, "%s: the instance metadata service does not require IMDSv2 tokens", r.Address)
			}
		}
	},
	"iam_console_mfa": func(bt map[string][]*tfResource, _ []string, res *checkResult) {
		console, mfa := map[string]bool{}, map[string]bool{}
		for _, p := range bt["aws_iam_user_login_profile"] {
			console[str(p.Values["user"])] = true
		}
		for _, a := range bt["aws_iam_user_policy_attachment"] {
			if strings.HasSuffix(str(get(a.Values, "policy_arn", "")), ":policy/require-mfa") {
				mfa[str(a.Values["user"])] = true
			}
		}
		for _, r := range bt["aws_iam_user"] {
			res.Population[r.Address] = true
			if name := str(r.Values["name"]); console[name] && !mfa[name] {
				res.deny(r.Address, "%s: console user %s has no MFA-enforcing policy attached", r.Address, name)
			}
		}
	},
	"iam_no_user_admin": func(bt map[string][]*tfResource, _ []string, res *checkResult) {
		admins := map[string]bool{}
		for _, a := range bt["aws_iam_user_policy_attachment"] {
			switch str(a.Values["policy_arn"]) {
			case "arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/IAMFullAccess":
				admins[str(a.Values["user"])] = true
			}
		}
		for _, r := range bt["aws_iam_user"] {
			res.Population[r.Address] = true
			if name := str(r.Values["name"]); admins[name] {
				res.deny(r.Address, "%s: user %s has an administrator policy attached directly", r.Address, name)
			}
		}
	},
	"iam_wildcards": func(bt map[string][]*tfResource, _ []string, res *checkResult) {
		for _, p := range bt["aws_iam_policy"] {
			res.Population[p.Address] = true
			for _, s := range statements(str(p.Values["policy"])) {
				if s["Effect"] == "Allow" && hasString(list(get(s, "Action", []any{})), "*") && hasString(list(get(s, "Resource", []any{})), "*") {
					res.deny(p.Address, "%s: policy %s allows every action on every resource", p.Address, str(p.Values["name"]))
				}
			}
		}
		for _, r := range bt["aws_iam_role"] {
			res.Population[r.Address] = true
			for _, s := range statements(str(r.Values["assume_role_policy"])) {
				pr := s["Principal"]
				anyone := pr == "*" || (obj(pr) != nil && hasString(list(get(obj(pr), "AWS", []any{})), "*"))
				if s["Effect"] == "Allow" && anyone {
					res.deny(r.Address, "%s: any principal may assume role %s", r.Address, str(r.Values["name"]))
				}
			}
		}
	},
	"kms_rotation": func(bt map[string][]*tfResource, _ []string, res *checkResult) {
		for _, k := range bt["aws_kms_key"] {
			res.Population[k.Address] = true
			rotatable := get(k.Values, "key_usage", "ENCRYPT_DECRYPT") == "ENCRYPT_DECRYPT" &&
				get(k.Values, "customer_master_key_spec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
			if rotatable && !isTrue(get(k.Values, "enable_key_rotation", false)) {
				res.deny(k.Address, "%s: automatic key rotation is disabled", k.Address)
			}
		}
	},
	"lb_tls": func(bt map[string][]*tfResource, _ []string, res *checkResult) {
		for _, l := range bt["aws_lb_listener"] {
			res.Population[l.Address] = true
			switch l.Values["protocol"] {
			case "HTTPS", "TLS":
				if policy := str(get(l.Values, "ssl_policy", "")); !approvedTLS[policy] {
					res.deny(l.Address, "%s: TLS policy %q is not approved (TLS 1.2 or later required)", l.Address, policy)
				}
			case "HTTP":
				redirects := false
				for _, a := range list(get(l.Values, "default_action", []any{})) {
					if obj(a)["type"] == "redirect" {
						for _, r := range list(obj(a)["redirect"]) {
							redirects = redirects || obj(r)["protocol"] == "HTTPS"
						}
					}
				}
				if !redirects {
					port, _ := num(l.Values["port"])
					res.deny(l.Address, "%s: plain HTTP listener on port %d does not redirect to HTTPS", l.Address, int(port))
				}
			}
		}
	},
	"log_retention": func(bt map[string][]*tfResource, _ []string, res *checkResult) {
		for _, g := range bt["aws_cloudwatch_log_group"] {
			res.Population[g.Address] = true
			if days, ok := num(get(g.Values, "retention_in_days", 0.0)); ok && days != 0 && days < 365 {
				res.deny(g.Address, "%s: events are kept for %d day(s), fewer than %d", g.Address, int(days), 365)
			}
			if k := get(g.Values, "kms_key_id", nil); k == nil || k == "" {
				res.Warn[finding{g.Address, fmt.Sprintf("%s: the log group is not encrypted with a KMS key", g.Address)}] = true
			}
		}
	},
	"plan_destructive_changes": func(bt map[string][]*tfResource, deleted []string, res *checkResult) {
		for _, rs := range bt {
			for _, r := range rs {
				res.Population[r.Address] = true
			}
		}
		for _, addr := range deleted {
			res.Population[addr] = true
			parts := strings.Split(indexSuffix.ReplaceAllString(addr, ""), ".")
			if typ := parts[len(parts)-2]; stateful[typ] {
				res.deny(addr, "%s: the plan destroys this %s", addr, typ)
			}
		}
		for typ := range stateful {
			for _, r := range bt[typ] {
				if slices.Contains(r.actions, "delete") {
					res.deny(r.Address, "%s: the plan replaces this %s (destroy and re-create)", r.Address, typ)
				}
			}
		}
	},
	"rds_backup": func(bt map[string][]*tfResource, _ []string, res *checkResult) {
		for _, db := range bt["aws_db_instance"] {
			res.Population[db.Address] = true
			if days, ok := num(get(db.Values, "backup_retention_period", 0.0)); ok && days < 7 {
				res.deny(db.Address, "%s: backups are kept for %d day(s), fewer than %d", db.Address, int(days), 7)
			}
			if !isTrue(get(db.Values, "multi_az", false)) {
				res.Warn[finding{db.Address, fmt.Sprintf("%s: the instance is not Multi-AZ", db.Address)}] = true
			}
		}
	},
	"rds_deletion_protection": func(bt map[string][]*tfResource, _ []string, res *checkResult) {
		for _, db := range bt["aws_db_instance"] {
			res.Population[db.Address] = true
			if !isTrue(get(db.Values, "deletion_protection", false)) {
				res.deny(db.Address, "%s: deletion protection is disabled", db.Address)
			}
		}
	},
	"rds_encryption": func(bt map[string][]*tfResource, _ []string, res *checkResult) {
		for _, db := range bt["aws_db_instance"] {
			res.Population[db.Address] = true
			if !isTrue(get(db.Values, "storage_encrypted", false)) {
				res.deny(db.Address, "%s: storage is not encrypted", db.Address)
			}
		}
	},
	"rds_network_exposure": func(bt map[string][]*tfResource, _ []string, res *checkResult) {
		open := map[string]bool{}
		for _, sg := range bt["aws_security_group"] {
			id, ok := sg.Values["id"].(string)
			if !ok {
				continue
			}
			for _, rule := range list(get(sg.Values, "ingress", []any{})) {
				if len(worldSources(obj(rule))) > 0 {
					open[id] = true
				}
			}
		}
		for _, db := range bt["aws_db_instance"] {
			res.Population[db.Address] = true
			if isTrue(db.Values["publicly_accessible"]) {
				res.deny(db.Address, "%s: the instance is publicly accessible", db.Address)
			}
			for _, id := range list(get(db.Values, "vpc_security_group_ids", []any{})) {
				if s, ok := id.(string); ok && open[s] {
					res.deny(db.Address, "%s: security group %s admits traffic from the internet", db.Address, s)
				}
			}
		}
	},
	"s3_access_logging": func(bt map[string][]*tfResource, _ []string, res *checkResult) {
		logged := map[string]bool{}
		for _, l := range bt["aws_s3_bucket_logging"] {
			if str(get(l.Values, "target_bucket", "")) != "" {
				logged[str(l.Values["bucket"])] = true
			}
		}
		for _, r := range bt["aws_s3_bucket"] {
			res.Population[r.Address] = true
			if !logged[bucketOf(r)] {
				res.deny(r.Address, "%s: server access logging is not enabled", r.Address)
			}
		}
	},
	"s3_encryption": func(bt map[string][]*tfResource, _ []string, res *checkResult) {
		encrypted, kms := map[string]bool{}, map[string]bool{}
		for _, c := range bt["aws_s3_bucket_server_side_encryption_configuration"] {
			for _, rule := range list(get(c.Values, "rule", []any{})) {
				for _, d := range list(get(obj(rule), "apply_server_side_encryption_by_default", []any{})) {
					alg, ok := obj(d)["sse_algorithm"].(string)
					if ok && alg != "" {
						encrypted[str(c.Values["bucket"])] = true
					}
					if alg == "aws:kms" || alg == "aws:kms:dsse" {
						kms[str(c.Values["bucket"])] = true
					}
				}
			}
		}
		for _, r := range bt["aws_s3_bucket"] {
			res.Population[r.Address] = true
			name := bucketOf(r)
			if !encrypted[name] {
				res.deny(r.Address, "%s: no default server-side encryption is configured", r.Address)
			} else if !kms[name] {
				res.Warn[finding{r.Address, fmt.Sprintf("%s: encrypted with S3-managed keys, not KMS", r.Address)}] = true
			}
		}
	},
	"s3_public_access": func(bt map[string][]*tfResource, _ []string, res *checkResult) {
		settings := []string{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"}
		blocked := map[string]bool{}
		leftOff := map[[2]string]bool{}
		for _, p := range bt["aws_s3_bucket_public_access_block"] {
			b := str(p.Values["bucket"])
			blocked[b] = true
			for _, s := range settings {
				if !isTrue(get(p.Values, s, false)) {
					leftOff[[2]string{b, s}] = true
				}
			}
		}
		for _, r := range bt["aws_s3_bucket"] {
			res.Population[r.Address] = true
			name := bucketOf(r)
			if !blocked[name] {
				res.deny(r.Address, "%s: no public access block", r.Address)
			}
			for _, s := range settings {
				if leftOff[[2]string{name, s}] {
					res.deny(r.Address, "%s: public access block has %s disabled", r.Address, s)
				}
			}
		}
	},
	"s3_versioning": func(bt map[string][]*tfResource, _ []string, res *checkResult) {
		configured, enabled := map[string]bool{}, map[string]bool{}
		for _, v := range bt["aws_s3_bucket_versioning"] {
			b := str(v.Values["bucket"])
			configured[b] = true
			for _, c := range list(get(v.Values, "versioning_configuration", []any{})) {
				if obj(c)["status"] == "Enabled" {
					enabled[b] = true
				}
			}
		}
		for _, r := range bt["aws_s3_bucket"] {
			res.Population[r.Address] = true
			name := bucketOf(r)
			switch {
			case !configured[name]:
				res.deny(r.Address, "%s: versioning is not enabled (no aws_s3_bucket_versioning for bucket %q)", r.Address, name)
			case !enabled[name]:
				res.deny(r.Address, "%s: versioning is suspended", r.Address)
			}
		}
	},
	"sg_admin_ports": func(bt map[string][]*tfResource, _ []string, res *checkResult) {
		ports := []struct {
			port    float64
			service string
		}{{22, "SSH"}, {3389, "RDP"}}
		for _, sg := range bt["aws_security_group"] {
			res.Population[sg.Address] = true
			for _, rv := range list(get(sg.Values, "ingress", []any{})) {
				rule := obj(rv)
				for _, source := range worldSources(rule) {
					for _, p := range ports {
						from, _ := num(rule["from_port"])
						to, _ := num(rule["to_port"])
						if rule["protocol"] == "-1" || (from <= p.port && p.port <= to) {
							res.deny(sg.Address, "%s: %s (port %d) is open to %s", sg.Address, p.service, int(p.port), source)
						}
					}
				}
			}
		}
	},
}
