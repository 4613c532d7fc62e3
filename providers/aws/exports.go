package aws

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/socle-dev/socle/providers"
)

// export describes the JSON output of one AWS CLI command, as the snapshot
// holds it.
type export struct {
	command string   // the AWS CLI command that writes it
	what    string   // what it holds, for messages
	keys    []string // top-level keys that identify the output (any one)
	// optional is set when the command fails rather than return an empty
	// configuration (NoSuchEntity, …), so that an absent file means "not
	// configured".
	optional bool
	check    func(d *decoder, top map[string]any) error
}

// exports describes every JSON kind (credentialReport is CSV).
var exports = map[kind]*export{
	authorizationDetails: {
		command: "aws iam get-account-authorization-details",
		what:    "IAM authorization details",
		keys:    []string{"UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"},
		check:   checkAuthorizationDetails,
	},
	passwordPolicy: {
		command:  "aws iam get-account-password-policy",
		what:     "password policy",
		keys:     []string{"PasswordPolicy"},
		optional: true,
		check:    checkPasswordPolicy,
	},
	describeTrails: {
		command: "aws cloudtrail describe-trails",
		what:    "trail list",
		keys:    []string{"trailList"},
		check:   checkTrails,
	},
	trailStatus: {
		command:  "aws cloudtrail get-trail-status --name <trail>",
		what:     "trail status",
		keys:     []string{"IsLogging"},
		optional: true,
		check:    checkTrailStatus,
	},
	bucketVersioning: {
		command: "aws s3api get-bucket-versioning --bucket <bucket>",
		what:    "bucket versioning",
		keys:    []string{"Status", "MFADelete"},
		check:   checkVersioning,
	},
	bucketEncryption: {
		command:  "aws s3api get-bucket-encryption --bucket <bucket>",
		what:     "bucket encryption",
		keys:     []string{"ServerSideEncryptionConfiguration"},
		optional: true,
		check:    checkEncryption,
	},
	publicAccessBlock: {
		command:  "aws s3api get-public-access-block --bucket <bucket>",
		what:     "public access block",
		keys:     []string{"PublicAccessBlockConfiguration"},
		optional: true,
		check:    checkPublicAccessBlock,
	},
	dbInstances: {
		command: "aws rds describe-db-instances",
		what:    "DB instance list",
		keys:    []string{"DBInstances"},
		check:   checkDBInstances,
	},
	listKeys: {
		command: "aws kms list-keys",
		what:    "KMS key list",
		keys:    []string{"Keys"},
		check:   checkKeys,
	},
	keyRotation: {
		command:  "aws kms get-key-rotation-status --key-id <key-id>",
		what:     "key rotation status",
		keys:     []string{"KeyRotationEnabled"},
		optional: true,
		check:    checkRotation,
	},
}

// readExport reads the JSON output of the command that writes files of kind
// k and checks that it is that command's output, whole: every field this
// package or a policy relies on has its JSON type. IAM policy documents are
// decoded (see decodeDocuments). The result is the top-level object.
func readExport(k kind, file string, data []byte) (map[string]any, error) {
	ex := exports[k]
	data, err := providers.TrimBOM(file, data)
	if err != nil {
		return nil, err
	}
	d := &decoder{file: file, data: data, ex: ex}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		if k == bucketVersioning {
			// The AWS CLI prints nothing when the response is empty, as it
			// is for a bucket whose versioning was never set.
			return map[string]any{}, nil
		}
		detail := fmt.Sprintf("the file is empty; it must hold what %s --output json writes", ex.command)
		if ex.optional {
			detail += "; if the command failed because nothing is configured (NoSuchEntity, …NotFound…), delete the file: an absent file means not configured"
		} else {
			detail += "; export it again"
		}
		return nil, &providers.SourceError{File: file, Line: 1, Column: 1, Summary: "Invalid JSON", Detail: detail}
	}
	if bytes.HasPrefix(trimmed, []byte("user,arn,")) {
		return nil, d.notThis(nil, "this is the IAM credential report (CSV); save it as credential-report.csv")
	}
	v, err := providers.DecodeJSON(file, data)
	if err != nil {
		return nil, err
	}
	top, ok := v.(map[string]any)
	if !ok {
		return nil, d.notThis(nil, fmt.Sprintf("the file holds %s; %s writes an object with %s", describe(v), ex.command, quoteKeys(ex.keys)))
	}
	if !slices.ContainsFunc(ex.keys, func(key string) bool { _, ok := top[key]; return ok }) &&
		!(k == bucketVersioning && len(top) == 0) {
		return nil, d.notThis(nil, mismatch(k, top))
	}
	if token, ok := top["NextToken"]; ok && token != nil {
		return nil, d.incomplete(jsonPath{"NextToken"}, "NextToken is set")
	}
	if err := ex.check(d, top); err != nil {
		return nil, err
	}
	return top, nil
}

// mismatch says what a file that is not the output it should be holds
// instead, naming the command whose output it looks like.
func mismatch(k kind, top map[string]any) string {
	ex := exports[k]
	keys := slices.Sorted(func(yield func(string) bool) {
		for key := range top {
			if !yield(key) {
				return
			}
		}
	})
	found := "an empty object"
	if len(keys) > 0 {
		if len(keys) > 6 {
			keys = append(keys[:6], "…")
		}
		found = "an object with the keys " + strings.Join(quoted(keys), ", ")
	}
	msg := fmt.Sprintf("the file holds %s; %s --output json writes an object with %s", found, ex.command, quoteKeys(ex.keys))
	for _, other := range kinds {
		if other == k || other == credentialReport {
			continue
		}
		for _, key := range exports[other].keys {
			if _, ok := top[key]; ok {
				return msg + fmt.Sprintf(" (this looks like the output of %s: is it saved under the wrong name?)", exports[other].command)
			}
		}
	}
	if _, ok := top["Content"]; ok {
		if _, ok := top["ReportFormat"]; ok {
			return msg + " (this looks like the output of aws iam get-credential-report: its Content, base64-decoded, belongs in credential-report.csv)"
		}
	}
	return msg
}

func quoted(keys []string) []string {
	out := make([]string, len(keys))
	for i, key := range keys {
		if key == "…" {
			out[i] = key
			continue
		}
		out[i] = strconv.Quote(key)
	}
	return out
}

func quoteKeys(keys []string) string {
	q := quoted(keys)
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// decoder checks the decoded JSON of one file and reports what is wrong at
// the position of the value at fault.
type decoder struct {
	file string
	data []byte
	ex   *export
}

func (d *decoder) errorAt(p jsonPath, summary, detail string) *providers.SourceError {
	line, column := position(d.data, p)
	return &providers.SourceError{File: d.file, Line: line, Column: column, Summary: summary, Detail: detail}
}

// notThis reports a file that does not hold the output of its command.
func (d *decoder) notThis(p jsonPath, detail string) *providers.SourceError {
	return d.errorAt(p, "Not the output of "+d.ex.command, detail)
}

// invalid reports a value of the wrong type or a missing field.
func (d *decoder) invalid(p jsonPath, format string, args ...any) *providers.SourceError {
	return d.errorAt(p, "Invalid "+d.ex.what,
		fmt.Sprintf(format, args...)+fmt.Sprintf("; is the file as %s --output json wrote it?", d.ex.command))
}

// incomplete reports the output of a paginated command that holds one page
// only.
func (d *decoder) incomplete(p jsonPath, why string) *providers.SourceError {
	return d.errorAt(p, "Incomplete export", fmt.Sprintf(
		"%s: the file holds one page of %s only; export it again without --max-items or --no-paginate, so that the AWS CLI fetches every page (a partial listing would make controls look tested when they were not)",
		why, d.ex.command))
}

// objects returns the array at key of obj, each element an object; nil
// when key is absent or null.
func (d *decoder) objects(obj map[string]any, key string, p jsonPath) ([]map[string]any, error) {
	var list []any
	switch v := obj[key].(type) {
	case nil:
		return nil, nil
	case []any:
		list = v
	default:
		return nil, d.invalid(p.with(key), "%s is %s, not an array", p.with(key), describe(v))
	}
	out := make([]map[string]any, len(list))
	for i, e := range list {
		o, ok := e.(map[string]any)
		if !ok {
			return nil, d.invalid(p.with(key, i), "%s is %s, not an object", p.with(key, i), describe(e))
		}
		out[i] = o
	}
	return out, nil
}

// object returns the object at key of obj, which must be there.
func (d *decoder) object(obj map[string]any, key string, p jsonPath) (map[string]any, error) {
	v, ok := obj[key]
	if !ok {
		return nil, d.invalid(p, "%q is missing from %s", key, p)
	}
	o, ok := v.(map[string]any)
	if !ok {
		return nil, d.invalid(p.with(key), "%s is %s, not an object", p.with(key), describe(v))
	}
	return o, nil
}

// name returns the string at key of obj, which must be there and not be
// empty: the name an index uses.
func (d *decoder) name(obj map[string]any, key string, p jsonPath) (string, error) {
	v, ok := obj[key]
	if !ok {
		return "", d.invalid(p, "%q is missing from %s", key, p)
	}
	s, ok := v.(string)
	if !ok || s == "" {
		return "", d.invalid(p.with(key), "%s is %s, not a name", p.with(key), describe(v))
	}
	return s, nil
}

// unique checks that the list at key of top names each element once by its
// field named by field, which must be a non-empty string.
func (d *decoder) unique(top map[string]any, key, field, noun string) ([]map[string]any, error) {
	list, err := d.objects(top, key, nil)
	if err != nil {
		return nil, err
	}
	seen := make(map[string]int, len(list))
	for i, obj := range list {
		p := jsonPath{key, i}
		name, err := d.name(obj, field, p)
		if err != nil {
			return nil, err
		}
		if j, dup := seen[name]; dup {
			return nil, d.invalid(p.with(field), "the %s %q is listed twice (%s and %s); %s lists each %s once, and the document indexes them by %s",
				noun, name, jsonPath{key, j}, p, d.ex.command, noun, field)
		}
		seen[name] = i
	}
	return list, nil
}

// jsonType is the JSON type a field must have.
type jsonType int

const (
	boolean jsonType = iota
	number
	text
	object
	array
)

func (t jsonType) String() string {
	return [...]string{"a boolean", "a number", "a string", "an object", "an array"}[t]
}

func (t jsonType) has(v any) bool {
	switch v.(type) {
	case bool:
		return t == boolean
	case json.Number:
		return t == number
	case string:
		return t == text
	case map[string]any:
		return t == object
	case []any:
		return t == array
	}
	return false
}

// fields checks the types of the fields of obj that policies compare, so
// that a string where a number belongs cannot pass a comparison unnoticed.
// An absent or null field is not checked.
func (d *decoder) fields(obj map[string]any, p jsonPath, types map[string]jsonType) error {
	for _, key := range slices.Sorted(func(yield func(string) bool) {
		for key := range types {
			if !yield(key) {
				return
			}
		}
	}) {
		v := obj[key]
		if v == nil {
			continue
		}
		if t := types[key]; !t.has(v) {
			return d.invalid(p.with(key), "%s is %s, not %s", p.with(key), describe(v), t)
		}
	}
	return nil
}

func checkAuthorizationDetails(d *decoder, top map[string]any) error {
	if truncated, _ := top["IsTruncated"].(bool); truncated {
		return d.incomplete(jsonPath{"IsTruncated"}, "IsTruncated is true")
	}
	for _, l := range []struct{ key, field, noun string }{
		{"UserDetailList", "UserName", "user"},
		{"GroupDetailList", "GroupName", "group"},
		{"RoleDetailList", "RoleName", "role"},
		{"Policies", "Arn", "policy"},
	} {
		list, err := d.unique(top, l.key, l.field, l.noun)
		if err != nil {
			return err
		}
		for i, obj := range list {
			if err := decodeDocuments(d, obj, jsonPath{l.key, i}); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkPasswordPolicy(d *decoder, top map[string]any) error {
	policy, err := d.object(top, "PasswordPolicy", nil)
	if err != nil {
		return err
	}
	return d.fields(policy, jsonPath{"PasswordPolicy"}, map[string]jsonType{
		"MinimumPasswordLength":      number,
		"MaxPasswordAge":             number,
		"PasswordReusePrevention":    number,
		"RequireSymbols":             boolean,
		"RequireNumbers":             boolean,
		"RequireUppercaseCharacters": boolean,
		"RequireLowercaseCharacters": boolean,
		"AllowUsersToChangePassword": boolean,
		"ExpirePasswords":            boolean,
		"HardExpiry":                 boolean,
	})
}

func checkTrails(d *decoder, top map[string]any) error {
	trails, err := d.unique(top, "trailList", "Name", "trail")
	if err != nil {
		return err
	}
	for i, trail := range trails {
		err := d.fields(trail, jsonPath{"trailList", i}, map[string]jsonType{
			"IsMultiRegionTrail":         boolean,
			"LogFileValidationEnabled":   boolean,
			"IncludeGlobalServiceEvents": boolean,
			"IsOrganizationTrail":        boolean,
			"HasCustomEventSelectors":    boolean,
			"HasInsightSelectors":        boolean,
			"S3BucketName":               text,
			"KmsKeyId":                   text,
			"TrailARN":                   text,
			"HomeRegion":                 text,
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func checkTrailStatus(d *decoder, top map[string]any) error {
	if _, ok := top["IsLogging"].(bool); !ok {
		return d.invalid(jsonPath{"IsLogging"}, "IsLogging is %s, not a boolean", describe(top["IsLogging"]))
	}
	return nil
}

func checkVersioning(d *decoder, top map[string]any) error {
	return d.fields(top, nil, map[string]jsonType{"Status": text, "MFADelete": text})
}

func checkEncryption(d *decoder, top map[string]any) error {
	config, err := d.object(top, "ServerSideEncryptionConfiguration", nil)
	if err != nil {
		return err
	}
	p := jsonPath{"ServerSideEncryptionConfiguration"}
	rules, err := d.objects(config, "Rules", p)
	if err != nil {
		return err
	}
	for i, rule := range rules {
		rp := p.with("Rules", i)
		if err := d.fields(rule, rp, map[string]jsonType{"ApplyServerSideEncryptionByDefault": object, "BucketKeyEnabled": boolean}); err != nil {
			return err
		}
		if def, ok := rule["ApplyServerSideEncryptionByDefault"].(map[string]any); ok {
			if err := d.fields(def, rp.with("ApplyServerSideEncryptionByDefault"), map[string]jsonType{"SSEAlgorithm": text, "KMSMasterKeyID": text}); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkPublicAccessBlock(d *decoder, top map[string]any) error {
	config, err := d.object(top, "PublicAccessBlockConfiguration", nil)
	if err != nil {
		return err
	}
	return d.fields(config, jsonPath{"PublicAccessBlockConfiguration"}, map[string]jsonType{
		"BlockPublicAcls":       boolean,
		"IgnorePublicAcls":      boolean,
		"BlockPublicPolicy":     boolean,
		"RestrictPublicBuckets": boolean,
	})
}

func checkDBInstances(d *decoder, top map[string]any) error {
	if marker, _ := top["Marker"].(string); marker != "" {
		return d.incomplete(jsonPath{"Marker"}, "Marker is set")
	}
	instances, err := d.unique(top, "DBInstances", "DBInstanceIdentifier", "DB instance")
	if err != nil {
		return err
	}
	for i, db := range instances {
		err := d.fields(db, jsonPath{"DBInstances", i}, map[string]jsonType{
			"StorageEncrypted":                 boolean,
			"PubliclyAccessible":               boolean,
			"MultiAZ":                          boolean,
			"DeletionProtection":               boolean,
			"AutoMinorVersionUpgrade":          boolean,
			"IAMDatabaseAuthenticationEnabled": boolean,
			"BackupRetentionPeriod":            number,
			"AllocatedStorage":                 number,
			"Engine":                           text,
			"DBInstanceArn":                    text,
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func checkKeys(d *decoder, top map[string]any) error {
	if truncated, _ := top["Truncated"].(bool); truncated {
		return d.incomplete(jsonPath{"Truncated"}, "Truncated is true")
	}
	keys, err := d.unique(top, "Keys", "KeyId", "key")
	if err != nil {
		return err
	}
	for i, key := range keys {
		if err := d.fields(key, jsonPath{"Keys", i}, map[string]jsonType{"KeyArn": text}); err != nil {
			return err
		}
	}
	return nil
}

func checkRotation(d *decoder, top map[string]any) error {
	if _, ok := top["KeyRotationEnabled"].(bool); !ok {
		return d.invalid(jsonPath{"KeyRotationEnabled"}, "KeyRotationEnabled is %s, not a boolean", describe(top["KeyRotationEnabled"]))
	}
	return d.fields(top, nil, map[string]jsonType{"RotationPeriodInDays": number})
}
