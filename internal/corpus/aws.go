package corpus

import (
	"fmt"
	"strconv"
	"strings"
)

// Module paths of the synthetic configuration.
var (
	modStorage  = []moduleStep{{name: "storage"}}
	modIAM      = []moduleStep{{name: "iam"}}
	modNetwork  = []moduleStep{{name: "network"}}
	modDatabase = []moduleStep{{name: "platform"}, {name: "database"}}
	modSecurity = []moduleStep{{name: "security"}}
	modLogging  = []moduleStep{{name: "logging"}}
	modApps     = [][]moduleStep{
		{{name: "app", key: "api"}},
		{{name: "app", key: "batch"}},
		{{name: "app", key: "web"}},
		{{name: "app", key: "worker"}},
	}
)

const (
	requireMFAPolicyARN   = "arn:aws:iam::" + accountID + ":policy/require-mfa"
	adminPolicyARN        = "arn:aws:iam::aws:policy/AdministratorAccess"
	readOnlyPolicyARN     = "arn:aws:iam::aws:policy/ReadOnlyAccess"
	accessLogsBucket      = "bench-access-logs-" + accountID
	trailBucket           = "bench-cloudtrail-" + accountID
	s3KeyAliasARN         = "arn:aws:kms:" + awsRegion + ":" + accountID + ":alias/bench-s3"
	modernTLSPolicy       = "ELBSecurityPolicy-TLS13-1-2-2021-06"
	legacyTLSPolicy       = "ELBSecurityPolicy-2016-08"
	policyVersion         = `"Version":"2012-10-17"`
	requireMFAPolicyJSON  = `{"Statement":[{"Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}},"Effect":"Deny","NotAction":["iam:ChangePassword","iam:CreateVirtualMFADevice","iam:EnableMFADevice","iam:GetUser","iam:ListMFADevices","sts:GetSessionToken"],"Resource":"*","Sid":"DenyAllExceptListedIfNoMFA"}],` + policyVersion + `}`
	regionDenyPolicyJSON  = `{"Statement":[{"Action":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"` + awsRegion + `"}},"Effect":"Deny","Resource":"*"}],` + policyVersion + `}`
	serviceWildcardPolicy = `{"Statement":[{"Action":"s3:*","Effect":"Allow","Resource":"*"}],` + policyVersion + `}`
)

var (
	bucketPurposes = []string{"data", "exports", "reports", "backups", "uploads", "artifacts", "statements", "ledger"}
	firstNames     = []string{"ana", "ben", "chloe", "dev", "emma", "farid", "grace", "hugo", "ines", "jon", "kim", "leo"}
	lastNames      = []string{"silva", "martin", "nguyen", "okafor", "patel", "rossi", "schmidt", "tanaka", "weber", "young"}
	services       = []string{"payroll", "ledger", "billing", "reporting", "identity", "search", "ingest", "notify"}
	instanceTypes  = []string{"t3.medium", "m6i.large", "m6i.xlarge", "c6i.large", "r6i.large"}
	dbClasses      = []string{"db.t4g.medium", "db.r6g.large", "db.r6g.xlarge", "db.m6g.large"}
	zones          = []string{"us-east-1a", "us-east-1b", "us-east-1c"}
	teams          = []string{"platform", "payments", "data", "security", "sre"}
)

// tagSets are shared, read-only tag maps (tags and tags_all).
var tagSets = func() []map[string]any {
	var s []map[string]any
	for _, team := range teams {
		s = append(s, map[string]any{"Environment": "prod", "ManagedBy": "terraform", "Owner": team})
	}
	return s
}()

func (g *generator) tags() map[string]any { return tagSets[g.rng.IntN(len(tagSets))] }

func (g *generator) pick(s []string) string { return s[g.rng.IntN(len(s))] }

// known returns v when the value is known at plan time, unknown otherwise.
func known(k bool, v any) any {
	if k {
		return v
	}
	return unknown
}

func strs(s ...string) []any {
	out := make([]any, len(s))
	for i, x := range s {
		out[i] = x
	}
	return out
}

const alnumUpper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

// hex returns n random lowercase hex digits.
func (g *generator) hex(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = hexDigits[g.rng.IntN(16)]
	}
	return string(b)
}

// upper returns n random characters of the kind AWS uses in unique ids.
func (g *generator) upper(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alnumUpper[g.rng.IntN(len(alnumUpper))]
	}
	return string(b)
}

func (g *generator) uuid() string {
	return g.hex(8) + "-" + g.hex(4) + "-4" + g.hex(3) + "-a" + g.hex(3) + "-" + g.hex(12)
}

func arn(service, resource string) string {
	return "arn:aws:" + service + ":" + awsRegion + ":" + accountID + ":" + resource
}

func (g *generator) kmsKeyARN() string { return arn("kms", "key/"+g.uuid()) }

// requireMFAPolicy is the customer policy attached to console users to force
// MFA; it exists already, so its ARN is known to the attachments.
func (g *generator) requireMFAPolicy() {
	g.add(placement{module: modIAM}, "aws_iam_policy", "require_mfa", actNoop,
		g.policyValues("require-mfa", requireMFAPolicyJSON, true))
}

// --- S3 ---

func (g *generator) bucketUnit() {
	name := fmt.Sprintf("bench-%s-%05d", g.pick(bucketPurposes), g.seq)
	act := g.action()
	k := act != actCreate
	p := g.place(0.2, modStorage, name)
	g.add(p, "aws_s3_bucket", "bucket", act, g.bucketValues(name, k))

	if !g.chance(rateS3NoVersioning) {
		status := "Enabled"
		if g.chance(rateS3Suspended / (1 - rateS3NoVersioning)) {
			status = "Suspended"
		}
		g.add(p, "aws_s3_bucket_versioning", "bucket", act, map[string]any{
			"bucket":                name,
			"expected_bucket_owner": nil,
			"id":                    known(k, name),
			"mfa":                   nil,
			"versioning_configuration": []any{map[string]any{
				"mfa_delete": known(k, "Disabled"),
				"status":     status,
			}},
		})
	}
	if !g.chance(rateS3NoEncryption) {
		algorithm, key := "aws:kms", any(s3KeyAliasARN)
		if g.chance(rateS3AES256 / (1 - rateS3NoEncryption)) {
			algorithm, key = "AES256", nil
		}
		g.add(p, "aws_s3_bucket_server_side_encryption_configuration", "bucket", act, map[string]any{
			"bucket":                name,
			"expected_bucket_owner": nil,
			"id":                    known(k, name),
			"rule": []any{map[string]any{
				"apply_server_side_encryption_by_default": []any{map[string]any{
					"kms_master_key_id": key,
					"sse_algorithm":     algorithm,
				}},
				"bucket_key_enabled": key != nil,
			}},
		})
	}
	if !g.chance(rateS3NoPublicBlock) {
		flags := [4]bool{true, true, true, true}
		if g.chance(rateS3PublicOpen / (1 - rateS3NoPublicBlock)) {
			flags[g.rng.IntN(4)] = false
		}
		g.add(p, "aws_s3_bucket_public_access_block", "bucket", act, map[string]any{
			"block_public_acls":       flags[0],
			"block_public_policy":     flags[1],
			"bucket":                  name,
			"id":                      known(k, name),
			"ignore_public_acls":      flags[2],
			"restrict_public_buckets": flags[3],
		})
	}
	if !g.chance(rateS3NoLogging) {
		g.add(p, "aws_s3_bucket_logging", "bucket", act, map[string]any{
			"bucket":                   name,
			"expected_bucket_owner":    nil,
			"id":                       known(k, name),
			"target_bucket":            accessLogsBucket,
			"target_grant":             []any{},
			"target_object_key_format": []any{},
			"target_prefix":            name + "/",
		})
	}
}

func (g *generator) bucketValues(name string, k bool) map[string]any {
	tags := g.tags()
	return map[string]any{
		"acceleration_status":         known(k, ""),
		"arn":                         known(k, "arn:aws:s3:::"+name),
		"bucket":                      name,
		"bucket_domain_name":          known(k, name+".s3.amazonaws.com"),
		"bucket_prefix":               nil,
		"bucket_regional_domain_name": known(k, name+".s3."+awsRegion+".amazonaws.com"),
		"force_destroy":               false,
		"hosted_zone_id":              known(k, "Z3AQBSTGFYJSTF"),
		"id":                          known(k, name),
		"object_lock_enabled":         known(k, false),
		"region":                      known(k, awsRegion),
		"request_payer":               known(k, "BucketOwner"),
		"tags":                        tags,
		"tags_all":                    tags,
		"timeouts":                    nil,
	}
}

// --- IAM ---

func (g *generator) userUnit() {
	name := fmt.Sprintf("%s.%s.%d", g.pick(firstNames), g.pick(lastNames), g.seq)
	act := g.action()
	k := act != actCreate
	p := g.place(0.1, modIAM, name)
	g.add(p, "aws_iam_user", "user", act, g.userValues(name, k))

	console := g.chance(rateUserConsole)
	if console {
		g.add(p, "aws_iam_user_login_profile", "user", act, map[string]any{
			"encrypted_password":      known(k, nil),
			"id":                      known(k, name),
			"key_fingerprint":         known(k, nil),
			"password":                sensitiveValue{known(k, g.upper(20))},
			"password_length":         20,
			"password_reset_required": true,
			"pgp_key":                 nil,
			"user":                    name,
		})
	}
	if console && !g.chance(rateConsoleNoMFA) || !console && g.chance(0.3) {
		g.add(p, "aws_iam_user_policy_attachment", "require_mfa", act, g.attachmentValues(name, requireMFAPolicyARN, k))
	}
	if g.chance(0.4) {
		g.add(p, "aws_iam_user_policy_attachment", "team", act, g.attachmentValues(name, readOnlyPolicyARN, k))
	}
	if g.chance(rateUserAdmin) {
		g.add(p, "aws_iam_user_policy_attachment", "admin", act, g.attachmentValues(name, adminPolicyARN, k))
	}
}

func (g *generator) userValues(name string, k bool) map[string]any {
	tags := g.tags()
	return map[string]any{
		"arn":                  known(k, "arn:aws:iam::"+accountID+":user/"+name),
		"force_destroy":        false,
		"id":                   known(k, name),
		"name":                 name,
		"path":                 "/",
		"permissions_boundary": nil,
		"tags":                 tags,
		"tags_all":             tags,
		"unique_id":            known(k, "AIDA"+g.upper(17)),
	}
}

func (g *generator) attachmentValues(user, policyARN string, k bool) map[string]any {
	return map[string]any{
		"id":         known(k, user+"-"+strconv.FormatUint(g.rng.Uint64()%1e18, 10)),
		"policy_arn": policyARN,
		"user":       user,
	}
}

func (g *generator) roleUnit() {
	name := fmt.Sprintf("%s-role-%05d", g.pick(services), g.seq)
	act := g.action()
	k := act != actCreate
	var principal string
	switch {
	case g.chance(rateRoleTrustAny):
		principal = [...]string{`{"AWS":"*"}`, `"*"`}[g.rng.IntN(2)]
	case g.chance(0.3):
		principal = `{"AWS":"arn:aws:iam::` + accountID + `:root"}`
	default:
		principal = `{"Service":"` + [...]string{"ec2", "lambda", "ecs-tasks"}[g.rng.IntN(3)] + `.amazonaws.com"}`
	}
	tags := g.tags()
	g.add(g.place(0.2, modIAM, name), "aws_iam_role", "role", act, map[string]any{
		"arn":                   known(k, "arn:aws:iam::"+accountID+":role/"+name),
		"assume_role_policy":    `{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":` + principal + `}],` + policyVersion + `}`,
		"create_date":           known(k, "2024-03-11T08:15:27Z"),
		"description":           "Role for the " + name + " service",
		"force_detach_policies": false,
		"id":                    known(k, name),
		"inline_policy":         known(k, []any{}),
		"managed_policy_arns":   known(k, []any{}),
		"max_session_duration":  3600,
		"name":                  name,
		"name_prefix":           known(k, ""),
		"path":                  "/",
		"permissions_boundary":  nil,
		"tags":                  tags,
		"tags_all":              tags,
		"unique_id":             known(k, "AROA"+g.upper(17)),
	})
}

func (g *generator) policyUnit() {
	name := fmt.Sprintf("%s-access-%05d", g.pick(services), g.seq)
	act := g.action()
	var doc string
	if g.chance(ratePolicyWildcard) {
		doc = [...]string{
			`{"Statement":[{"Action":"*","Effect":"Allow","Resource":"*"}],` + policyVersion + `}`,
			`{"Statement":[{"Action":["ec2:Describe*","*"],"Effect":"Allow","Resource":"*"}],` + policyVersion + `}`,
			`{"Statement":{"Action":"*","Effect":"Allow","Resource":["*"]},` + policyVersion + `}`,
		}[g.rng.IntN(3)]
	} else {
		bucket := fmt.Sprintf("bench-data-%05d", g.seq)
		doc = [...]string{
			`{"Statement":[{"Action":["s3:GetObject","s3:ListBucket"],"Effect":"Allow","Resource":["arn:aws:s3:::` + bucket + `","arn:aws:s3:::` + bucket + `/*"]}],` + policyVersion + `}`,
			`{"Statement":[{"Action":["logs:CreateLogStream","logs:PutLogEvents"],"Effect":"Allow","Resource":"` + arn("logs", "log-group:/bench/*") + `"}],` + policyVersion + `}`,
			regionDenyPolicyJSON,
			serviceWildcardPolicy,
		}[g.rng.IntN(4)]
	}
	g.add(g.place(0.2, modIAM, name), "aws_iam_policy", "policy", act, g.policyValues(name, doc, act != actCreate))
}

func (g *generator) policyValues(name, doc string, k bool) map[string]any {
	tags := g.tags()
	policyARN := "arn:aws:iam::" + accountID + ":policy/" + name
	return map[string]any{
		"arn":              known(k, policyARN),
		"attachment_count": known(k, g.rng.IntN(12)),
		"description":      "Managed by Terraform",
		"id":               known(k, policyARN),
		"name":             name,
		"name_prefix":      known(k, ""),
		"path":             "/",
		"policy":           doc,
		"policy_id":        known(k, "ANPA"+g.upper(17)),
		"tags":             tags,
		"tags_all":         tags,
	}
}

// --- network ---

func rule(description, protocol string, from, to int, cidrs, ipv6 []any) map[string]any {
	return map[string]any{
		"cidr_blocks":      cidrs,
		"description":      description,
		"from_port":        from,
		"ipv6_cidr_blocks": ipv6,
		"prefix_list_ids":  []any{},
		"protocol":         protocol,
		"security_groups":  []any{},
		"self":             false,
		"to_port":          to,
	}
}

var allEgress = []any{rule("", "-1", 0, 0, strs("0.0.0.0/0"), []any{})}

func (g *generator) securityGroupUnit() {
	name := fmt.Sprintf("%s-sg-%05d", g.pick(services), g.seq)
	act := g.action()
	var ingress []any
	switch g.rng.IntN(3) {
	case 0: // web: HTTPS and HTTP from anywhere
		ingress = []any{
			rule("HTTPS", "tcp", 443, 443, strs("0.0.0.0/0"), strs("::/0")),
			rule("HTTP", "tcp", 80, 80, strs("0.0.0.0/0"), []any{}),
		}
	case 1: // bastion: SSH from the corporate network only
		ingress = []any{rule("SSH from the VPN", "tcp", 22, 22, strs("10.0.0.0/8", "172.16.0.0/12"), []any{})}
	default: // internal service
		ingress = []any{rule("App", "tcp", 8080, 8080, strs("10.0.0.0/8"), []any{})}
	}
	if g.chance(rateSGAdminOpen) {
		ingress = append(ingress, [...]map[string]any{
			rule("SSH", "tcp", 22, 22, strs("0.0.0.0/0"), []any{}),
			rule("RDP", "tcp", 3389, 3389, strs("0.0.0.0/0"), []any{}),
			rule("debug", "-1", 0, 0, strs("0.0.0.0/0"), []any{}),
			rule("SSH (IPv6)", "tcp", 22, 22, []any{}, strs("::/0")),
			rule("ops", "tcp", 0, 65535, strs("10.0.0.0/8", "0.0.0.0/0"), []any{}),
		}[g.rng.IntN(5)])
	}
	g.add(g.place(0.2, modNetwork, name), "aws_security_group", "sg", act, g.securityGroupValues(name, ingress, act != actCreate))
}

func (g *generator) securityGroupValues(name string, ingress []any, k bool) map[string]any {
	tags := g.tags()
	id := "sg-" + g.hex(17)
	return map[string]any{
		"arn":                    known(k, arn("ec2", "security-group/"+id)),
		"description":            "Managed by Terraform",
		"egress":                 allEgress,
		"id":                     known(k, id),
		"ingress":                ingress,
		"name":                   name,
		"name_prefix":            known(k, ""),
		"owner_id":               known(k, accountID),
		"revoke_rules_on_delete": false,
		"tags":                   tags,
		"tags_all":               tags,
		"timeouts":               nil,
		"vpc_id":                 "vpc-0a1b2c3d4e5f60718",
	}
}

// --- databases ---

type dbOptions struct {
	unencrypted, shortBackup, public, noDeletionProtection, singleAZ bool
}

func (g *generator) databaseUnit() {
	name := fmt.Sprintf("%s-db-%05d", g.pick(services), g.seq)
	act := g.action()
	k := act != actCreate
	p := g.place(0.15, modDatabase, name)
	engine, port := "postgres", 5432
	if g.chance(0.3) {
		engine, port = "mysql", 3306
	}
	cidrs := strs("10.20.0.0/16")
	if g.chance(rateDBOpenSG) {
		cidrs = strs("0.0.0.0/0")
	}
	sg := g.securityGroupValues(name, []any{rule("database", "tcp", port, port, cidrs, []any{})}, k)
	g.add(p, "aws_security_group", "db", act, sg)
	opts := dbOptions{
		unencrypted:          g.chance(rateDBUnencrypted),
		shortBackup:          g.chance(rateDBShortBackup),
		public:               g.chance(rateDBPublic),
		noDeletionProtection: g.chance(rateDBNoDeletionProt),
		singleAZ:             g.chance(rateDBSingleAZ),
	}
	var sgIDs any = unknown
	if k {
		sgIDs = []any{sg["id"]}
	}
	g.add(p, "aws_db_instance", "db", act, g.dbValues(name, engine, port, sgIDs, opts, k))
}

func (g *generator) dbValues(name, engine string, port int, sgIDs any, o dbOptions, k bool) map[string]any {
	tags := g.tags()
	retention := 14
	if o.shortBackup {
		retention = [...]int{0, 1, 3, 5}[g.rng.IntN(4)]
	}
	var kmsKey any = known(k, g.kmsKeyARN())
	if o.unencrypted {
		kmsKey = known(k, "")
	}
	version := "16.4"
	if engine == "mysql" {
		version = "8.0.39"
	}
	host := name + ".c" + g.hex(11) + "." + awsRegion + ".rds.amazonaws.com"
	return map[string]any{
		"address":                      known(k, host),
		"allocated_storage":            100,
		"arn":                          known(k, arn("rds", "db:"+name)),
		"auto_minor_version_upgrade":   true,
		"backup_retention_period":      retention,
		"backup_window":                "03:00-04:00",
		"copy_tags_to_snapshot":        true,
		"db_name":                      "app",
		"db_subnet_group_name":         "bench-db-subnets",
		"deletion_protection":          !o.noDeletionProtection,
		"endpoint":                     known(k, host+":"+strconv.Itoa(port)),
		"engine":                       engine,
		"engine_version":               version,
		"id":                           known(k, "db-"+g.upper(26)),
		"identifier":                   name,
		"instance_class":               g.pick(dbClasses),
		"kms_key_id":                   kmsKey,
		"maintenance_window":           "sun:05:00-sun:06:00",
		"multi_az":                     !o.singleAZ,
		"password":                     sensitiveValue{"bench-" + g.hex(16)},
		"performance_insights_enabled": true,
		"port":                         port,
		"publicly_accessible":          o.public,
		"skip_final_snapshot":          false,
		"storage_encrypted":            !o.unencrypted,
		"storage_type":                 "gp3",
		"tags":                         tags,
		"tags_all":                     tags,
		"username":                     "app_admin",
		"vpc_security_group_ids":       sgIDs,
	}
}

// --- KMS and CloudTrail ---

func (g *generator) kmsKeyUnit() {
	name := fmt.Sprintf("%s-%05d", g.pick(services), g.seq)
	act := g.action()
	g.add(g.place(0.2, modSecurity, name), "aws_kms_key", "key", act, g.kmsKeyValues(name, act != actCreate, true))
}

func (g *generator) kmsKeyValues(name string, k, mayBeAsymmetric bool) map[string]any {
	tags := g.tags()
	id := g.uuid()
	spec, usage, rotation := "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", !g.chance(rateKMSNoRotation)
	if mayBeAsymmetric && g.chance(rateKMSAsymmetric) {
		spec, usage, rotation = "RSA_2048", "SIGN_VERIFY", false
	}
	return map[string]any{
		"arn":                                known(k, arn("kms", "key/"+id)),
		"bypass_policy_lockout_safety_check": false,
		"custom_key_store_id":                "",
		"customer_master_key_spec":           spec,
		"deletion_window_in_days":            30,
		"description":                        "Key for " + name,
		"enable_key_rotation":                rotation,
		"id":                                 known(k, id),
		"is_enabled":                         true,
		"key_id":                             known(k, id),
		"key_usage":                          usage,
		"multi_region":                       false,
		"policy":                             known(k, `{"Statement":[{"Action":"kms:*","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::`+accountID+`:root"},"Resource":"*","Sid":"Enable IAM User Permissions"}],`+policyVersion+`}`),
		"rotation_period_in_days":            known(k, 365),
		"tags":                               tags,
		"tags_all":                           tags,
		"xks_key_id":                         "",
	}
}

func (g *generator) trailUnit() {
	name := fmt.Sprintf("bench-trail-%05d", g.seq)
	act := g.action()
	k := act != actCreate
	p := g.place(0.3, modLogging, name)
	key := g.kmsKeyValues(name, k, false)
	g.add(p, "aws_kms_key", "trail", act, key)
	var kmsKeyID any = key["arn"]
	if g.chance(rateTrailNoKMS) {
		kmsKeyID = nil
	}
	tags := g.tags()
	g.add(p, "aws_cloudtrail", "trail", act, map[string]any{
		"advanced_event_selector":       []any{},
		"arn":                           known(k, arn("cloudtrail", "trail/"+name)),
		"cloud_watch_logs_group_arn":    "",
		"cloud_watch_logs_role_arn":     "",
		"enable_log_file_validation":    !g.chance(rateTrailNoValidate),
		"enable_logging":                true,
		"event_selector":                []any{},
		"home_region":                   known(k, awsRegion),
		"id":                            known(k, arn("cloudtrail", "trail/"+name)),
		"include_global_service_events": true,
		"insight_selector":              []any{},
		"is_multi_region_trail":         !g.chance(rateTrailOneRegion),
		"is_organization_trail":         false,
		"kms_key_id":                    kmsKeyID,
		"name":                          name,
		"s3_bucket_name":                trailBucket,
		"s3_key_prefix":                 "",
		"sns_topic_name":                nil,
		"tags":                          tags,
		"tags_all":                      tags,
	})
}

// --- compute ---

type instanceOptions struct{ imdsv1, rootUnencrypted bool }

func (g *generator) instanceUnit() {
	act := g.action()
	p := g.place(0.15, modApps[g.rng.IntN(len(modApps))], "")
	o := instanceOptions{imdsv1: g.chance(rateIMDSv1), rootUnencrypted: g.chance(rateRootUnencrypted)}
	if act == actNoop && g.chance(rateReplace) {
		before := g.instanceValues(o, true)
		after := g.instanceValues(o, false)
		after["ami"] = "ami-0" + g.hex(16)
		in := g.add(p, "aws_instance", "server", actCreate, after)
		in.act, in.before = actReplace, before
		return
	}
	g.add(p, "aws_instance", "server", act, g.instanceValues(o, act != actCreate))
}

func (g *generator) instanceValues(o instanceOptions, k bool) map[string]any {
	tags := g.tags()
	id := "i-0" + g.hex(16)
	tokens := "required"
	if o.imdsv1 {
		tokens = "optional"
	}
	var rootKey any = known(k, g.kmsKeyARN())
	if o.rootUnencrypted {
		rootKey = known(k, "")
	}
	return map[string]any{
		"ami":                         "ami-0" + g.hex(16),
		"arn":                         known(k, arn("ec2", "instance/"+id)),
		"associate_public_ip_address": false,
		"availability_zone":           known(k, g.pick(zones)),
		"ebs_optimized":               true,
		"iam_instance_profile":        "bench-app",
		"id":                          known(k, id),
		"instance_type":               g.pick(instanceTypes),
		"metadata_options": []any{map[string]any{
			"http_endpoint":               "enabled",
			"http_protocol_ipv6":          "disabled",
			"http_put_response_hop_limit": 2,
			"http_tokens":                 tokens,
			"instance_metadata_tags":      "disabled",
		}},
		"monitoring": true,
		"private_ip": known(k, fmt.Sprintf("10.%d.%d.%d", 1+g.rng.IntN(3), g.rng.IntN(256), 1+g.rng.IntN(254))),
		"root_block_device": []any{map[string]any{
			"delete_on_termination": true,
			"device_name":           known(k, "/dev/xvda"),
			"encrypted":             !o.rootUnencrypted,
			"iops":                  3000,
			"kms_key_id":            rootKey,
			"tags":                  nil,
			"throughput":            125,
			"volume_id":             known(k, "vol-0"+g.hex(16)),
			"volume_size":           50,
			"volume_type":           "gp3",
		}},
		"subnet_id":              "subnet-0" + g.hex(16),
		"tags":                   tags,
		"tags_all":               tags,
		"user_data":              nil,
		"vpc_security_group_ids": strs("sg-0" + g.hex(16)),
	}
}

func (g *generator) volumeUnit() {
	act := g.action()
	p := g.place(0.15, modApps[g.rng.IntN(len(modApps))], "")
	g.add(p, "aws_ebs_volume", "data", act, g.volumeValues(g.chance(rateEBSUnencrypted), act != actCreate))
}

func (g *generator) volumeValues(unencrypted, k bool) map[string]any {
	tags := g.tags()
	id := "vol-0" + g.hex(16)
	var key any = known(k, g.kmsKeyARN())
	if unencrypted {
		key = known(k, "")
	}
	return map[string]any{
		"arn":                  known(k, arn("ec2", "volume/"+id)),
		"availability_zone":    g.pick(zones),
		"encrypted":            !unencrypted,
		"final_snapshot":       false,
		"id":                   known(k, id),
		"iops":                 known(k, 3000),
		"kms_key_id":           key,
		"multi_attach_enabled": false,
		"outpost_arn":          "",
		"size":                 100 * (1 + g.rng.IntN(10)),
		"snapshot_id":          known(k, ""),
		"tags":                 tags,
		"tags_all":             tags,
		"throughput":           known(k, 125),
		"type":                 "gp3",
	}
}

// --- load balancers ---

func (g *generator) listenerUnit() {
	lb := fmt.Sprintf("bench-alb-%05d", g.seq)
	act := g.action()
	k := act != actCreate
	p := g.place(0.2, modNetwork, lb)
	lbARN := arn("elasticloadbalancing", "loadbalancer/app/"+lb+"/"+g.hex(16))
	tgARN := arn("elasticloadbalancing", "targetgroup/"+lb+"/"+g.hex(16))
	sslPolicy, httpForwards, httpsListener := modernTLSPolicy, false, true
	if g.chance(rateListenerInsecure) {
		switch g.rng.IntN(3) {
		case 0:
			sslPolicy = legacyTLSPolicy
		case 1:
			httpForwards = true
		default:
			httpForwards, httpsListener = true, false
		}
	}
	if httpsListener {
		g.add(p, "aws_lb_listener", "https", act, g.listenerValues(lbARN, 443, "HTTPS", sslPolicy, forwardAction(tgARN), k))
	}
	if httpForwards || g.chance(0.7) {
		action := redirectAction
		if httpForwards {
			action = forwardAction(tgARN)
		}
		g.add(p, "aws_lb_listener", "http", act, g.listenerValues(lbARN, 80, "HTTP", "", action, k))
	}
}

func forwardAction(targetGroup string) map[string]any {
	return map[string]any{
		"authenticate_cognito": []any{},
		"authenticate_oidc":    []any{},
		"fixed_response":       []any{},
		"forward":              []any{},
		"order":                1,
		"redirect":             []any{},
		"target_group_arn":     targetGroup,
		"type":                 "forward",
	}
}

var redirectAction = map[string]any{
	"authenticate_cognito": []any{},
	"authenticate_oidc":    []any{},
	"fixed_response":       []any{},
	"forward":              []any{},
	"order":                1,
	"redirect": []any{map[string]any{
		"host":        "#{host}",
		"path":        "/#{path}",
		"port":        "443",
		"protocol":    "HTTPS",
		"query":       "#{query}",
		"status_code": "HTTP_301",
	}},
	"target_group_arn": nil,
	"type":             "redirect",
}

func (g *generator) listenerValues(lbARN string, port int, protocol, sslPolicy string, action map[string]any, k bool) map[string]any {
	tags := g.tags()
	listenerARN := strings.Replace(lbARN, ":loadbalancer/", ":listener/", 1) + "/" + g.hex(16)
	// ssl_policy is computed ("") on plain listeners, configured on TLS ones.
	var cert, policy any = nil, known(k, "")
	if protocol == "HTTPS" {
		cert, policy = arn("acm", "certificate/"+g.uuid()), sslPolicy
	}
	return map[string]any{
		"alpn_policy":           nil,
		"arn":                   known(k, listenerARN),
		"certificate_arn":       cert,
		"default_action":        []any{action},
		"id":                    known(k, listenerARN),
		"load_balancer_arn":     known(k, lbARN),
		"mutual_authentication": []any{},
		"port":                  port,
		"protocol":              protocol,
		"ssl_policy":            policy,
		"tags":                  tags,
		"tags_all":              tags,
	}
}

// --- logs ---

func (g *generator) logGroupUnit() {
	name := fmt.Sprintf("/bench/%s/%05d", g.pick(services), g.seq)
	act := g.action()
	mod := modLogging
	if g.chance(0.6) {
		mod = modApps[g.rng.IntN(len(modApps))]
	}
	g.add(g.place(0.2, mod, name), "aws_cloudwatch_log_group", "logs", act, g.logGroupValues(name, g.chance(rateLogShortRetain), g.chance(rateLogNoKMS), act != actCreate))
}

func (g *generator) logGroupValues(name string, shortRetention, noKMS, k bool) map[string]any {
	tags := g.tags()
	retention := [...]int{365, 400, 731, 1827, 3653, 0}[g.rng.IntN(6)]
	if shortRetention {
		retention = [...]int{1, 7, 14, 30, 90, 180}[g.rng.IntN(6)]
	}
	var key any = g.kmsKeyARN()
	if noKMS {
		key = nil
	}
	return map[string]any{
		"arn":               known(k, arn("logs", "log-group:"+name)),
		"id":                known(k, name),
		"kms_key_id":        key,
		"log_group_class":   "STANDARD",
		"name":              name,
		"name_prefix":       known(k, ""),
		"retention_in_days": retention,
		"skip_destroy":      false,
		"tags":              tags,
		"tags_all":          tags,
	}
}

// --- deletions and data sources ---

// deletedUnit adds one resource that the plan destroys: it appears in
// resource_changes (["delete"]) and prior_state, not in planned_values.
func (g *generator) deletedUnit() {
	legacy := placement{suffix: "_" + strconv.Itoa(g.seq)}
	keyed := func(mod []moduleStep, key string) placement {
		if g.chance(0.5) {
			return legacy
		}
		return placement{module: mod, key: key}
	}
	switch g.rng.IntN(8) {
	case 0:
		name := fmt.Sprintf("bench-legacy-%05d", g.seq)
		g.add(keyed(modStorage, name), "aws_s3_bucket", "bucket", actDelete, g.bucketValues(name, true))
	case 1:
		name := fmt.Sprintf("legacy-db-%05d", g.seq)
		g.add(keyed(modDatabase, name), "aws_db_instance", "db", actDelete,
			g.dbValues(name, "postgres", 5432, strs("sg-0"+g.hex(16)), dbOptions{}, true))
	case 2:
		name := fmt.Sprintf("legacy-sg-%05d", g.seq)
		g.add(keyed(modNetwork, name), "aws_security_group", "sg", actDelete, g.securityGroupValues(name, []any{}, true))
	case 3:
		name := fmt.Sprintf("former.user.%d", g.seq)
		g.add(keyed(modIAM, name), "aws_iam_user", "user", actDelete, g.userValues(name, true))
	case 4:
		g.add(legacy, "aws_ebs_volume", "legacy", actDelete, g.volumeValues(false, true))
	case 5:
		g.add(legacy, "aws_instance", "legacy", actDelete, g.instanceValues(instanceOptions{}, true))
	case 6:
		name := fmt.Sprintf("/bench/legacy/%05d", g.seq)
		g.add(legacy, "aws_cloudwatch_log_group", "legacy", actDelete, g.logGroupValues(name, false, false, true))
	default:
		name := fmt.Sprintf("legacy-%05d", g.seq)
		g.add(legacy, "aws_kms_key", "legacy", actDelete, g.kmsKeyValues(name, true, false))
	}
}

// dataSourceUnit adds a data source whose configuration depends on values
// known only after apply, so Terraform plans to read it during apply.
func (g *generator) dataSourceUnit() {
	in := g.add(placement{suffix: "_" + strconv.Itoa(g.seq)}, "aws_iam_policy_document", "bucket_read", actRead, map[string]any{
		"id":                        unknown,
		"json":                      unknown,
		"minified_json":             unknown,
		"override_policy_documents": nil,
		"policy_id":                 nil,
		"source_policy_documents":   nil,
		"statement": []any{map[string]any{
			"actions":        strs("s3:GetObject"),
			"condition":      []any{},
			"effect":         "Allow",
			"not_actions":    nil,
			"not_principals": []any{},
			"not_resources":  nil,
			"principals":     []any{},
			"resources":      []any{unknown},
			"sid":            "",
		}},
		"version": "2012-10-17",
	})
	in.data = true
	in.addr = instanceAddress(in)
}
