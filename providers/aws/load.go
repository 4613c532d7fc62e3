package aws

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/socle-dev/socle/providers"
)

// Load reads the AWS CLI exports in the snapshot directory and builds the
// document described in the package documentation.
func (in *instance) Load(ctx context.Context) (*providers.Document, error) {
	st, err := fs.Stat(in.env.FS, in.snapshot)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("aws provider: the snapshot directory %q does not exist in the policy repository; export the AWS CLI files into it, or correct snapshot", in.snapshot)
	case err != nil:
		return nil, fmt.Errorf("aws provider: reading %s: %w; check its permissions", in.snapshot, err)
	case !st.IsDir():
		return nil, fmt.Errorf("aws provider: the snapshot %q is a file; it must name the directory that holds the AWS CLI exports (%s)", in.snapshot, layoutSummary)
	}
	names, err := in.env.Match(in.snapshot)
	if err != nil {
		return nil, fmt.Errorf("aws provider: %w", err)
	}
	b := newBuilder(in.snapshot)
	var known []file
	for _, name := range names {
		rel := name
		if in.snapshot != "." {
			rel = strings.TrimPrefix(name, in.snapshot+"/")
		}
		k, key, ok := classify(rel)
		if !ok {
			b.warn(name, "Unknown file in the AWS snapshot", "the aws provider does not read this file, so nothing in it reaches a policy; the snapshot directory holds AWS CLI exports named by command: "+layoutSummary)
			continue
		}
		known = append(known, file{name: name, kind: k, key: key})
	}
	// Lists before the files about their elements: trails before their
	// status, keys before their rotation status, users before their
	// credential report rows.
	sort.SliceStable(known, func(i, j int) bool { return known[i].kind < known[j].kind })
	if err := in.bucketDirectories(b); err != nil {
		return nil, err
	}
	if len(known) == 0 && len(b.buckets) == 0 {
		return nil, fmt.Errorf("aws provider: the snapshot directory %q holds none of the AWS CLI exports the aws provider reads (%s)", in.snapshot, layoutSummary)
	}
	for _, f := range known {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		data, err := fs.ReadFile(in.env.FS, f.name)
		if err != nil {
			return nil, fmt.Errorf("aws provider: reading %s: %w", f.name, err)
		}
		if f.kind == credentialReport {
			rows, err := parseCredentialReport(f.name, data)
			if err != nil {
				return nil, err
			}
			b.addReport(f, rows)
			continue
		}
		top, err := readExport(f.kind, f.name, data)
		if err != nil {
			return nil, err
		}
		b.add(f, top)
	}
	return b.document(), nil
}

// bucketDirectories adds a bucket for each directory under s3/, so that a
// bucket whose three files are all absent is still in the document.
func (in *instance) bucketDirectories(b *builder) error {
	dir := path.Join(in.snapshot, "s3")
	st, err := fs.Stat(in.env.FS, dir)
	if err != nil || !st.IsDir() {
		return nil // no buckets; a file named s3 is reported as unknown
	}
	entries, err := fs.ReadDir(in.env.FS, dir)
	if err != nil {
		return fmt.Errorf("aws provider: reading %s: %w; check its permissions", dir, err)
	}
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			b.bucket(e.Name())
		}
	}
	return nil
}

// builder assembles the document from the files as they are read.
type builder struct {
	snapshot string

	users, groups, roles, policies map[string]any
	report                         []any
	root                           any
	passwordPolicy                 any
	trails, buckets                map[string]any
	instances, keys                map[string]any

	authorization, hasReport bool // whether those files were read

	sources  []string
	warnings []*providers.SourceError
	accounts []account // the accounts ARNs name, in the order first seen
}

// account is an AWS account id and the first file that names it.
type account struct{ id, file string }

func newBuilder(snapshot string) *builder {
	return &builder{
		snapshot:  snapshot,
		users:     map[string]any{},
		groups:    map[string]any{},
		roles:     map[string]any{},
		policies:  map[string]any{},
		report:    []any{},
		trails:    map[string]any{},
		buckets:   map[string]any{},
		instances: map[string]any{},
		keys:      map[string]any{},
	}
}

func (b *builder) warn(file, summary, detail string) {
	b.warnings = append(b.warnings, &providers.SourceError{File: file, Summary: summary, Detail: detail})
}

// bucket returns the entry of the named bucket, adding it when new.
func (b *builder) bucket(name string) map[string]any {
	if e, ok := b.buckets[name].(map[string]any); ok {
		return e
	}
	e := map[string]any{"name": name, "versioning": nil, "encryption": nil, "public_access_block": nil}
	b.buckets[name] = e
	return e
}

// add puts the checked output of one JSON export into the document.
func (b *builder) add(f file, top map[string]any) {
	used := true
	switch f.kind {
	case authorizationDetails:
		b.authorization = true
		index(b.users, top["UserDetailList"], "UserName")
		index(b.groups, top["GroupDetailList"], "GroupName")
		index(b.roles, top["RoleDetailList"], "RoleName")
		index(b.policies, top["Policies"], "Arn")
		for _, m := range []map[string]any{b.users, b.groups, b.roles, b.policies} {
			for _, name := range sortedKeys(m) {
				b.sawARN(f.name, m[name].(map[string]any)["Arn"])
			}
		}
	case passwordPolicy:
		b.passwordPolicy = top["PasswordPolicy"]
	case describeTrails:
		index(b.trails, top["trailList"], "Name")
		for _, t := range b.trails {
			t.(map[string]any)["status"] = nil
		}
	case trailStatus:
		trail, ok := b.trails[f.key].(map[string]any)
		if ok {
			trail["status"] = top
		} else {
			used = false
			b.warn(f.name, "Status of an unknown trail", fmt.Sprintf("cloudtrail-describe-trails.json lists no trail named %q, so this status was not used; export both files at the same time", f.key))
		}
	case bucketVersioning:
		b.bucket(f.key)["versioning"] = top
	case bucketEncryption:
		b.bucket(f.key)["encryption"] = top["ServerSideEncryptionConfiguration"]
	case publicAccessBlock:
		b.bucket(f.key)["public_access_block"] = top["PublicAccessBlockConfiguration"]
	case dbInstances:
		index(b.instances, top["DBInstances"], "DBInstanceIdentifier")
		for _, id := range sortedKeys(b.instances) {
			b.sawARN(f.name, b.instances[id].(map[string]any)["DBInstanceArn"])
		}
	case listKeys:
		index(b.keys, top["Keys"], "KeyId")
		for _, id := range sortedKeys(b.keys) {
			key := b.keys[id].(map[string]any)
			key["rotation"] = nil
			b.sawARN(f.name, key["KeyArn"])
		}
	case keyRotation:
		key, ok := b.keys[f.key].(map[string]any)
		if ok {
			key["rotation"] = top
		} else {
			used = false
			b.warn(f.name, "Rotation status of an unknown key", fmt.Sprintf("kms-list-keys.json lists no key with the KeyId %q, so this rotation status was not used; name the directory by the key's KeyId and export both files at the same time", f.key))
		}
	}
	if used {
		b.sources = append(b.sources, f.name)
	}
}

// addReport puts the rows of the credential report into the document.
func (b *builder) addReport(f file, rows []any) {
	b.hasReport = true
	b.report = rows
	for _, r := range rows {
		row := r.(map[string]any)
		if row["user"] == rootUser {
			b.root = row
		}
		b.sawARN(f.name, row["arn"])
	}
	b.sources = append(b.sources, f.name)
}

// index adds each object of list (checked: objects with a non-empty string
// field) to m under that field.
func index(m map[string]any, list any, field string) {
	l, _ := list.([]any)
	for _, e := range l {
		obj := e.(map[string]any)
		m[obj[field].(string)] = obj
	}
}

// sawARN notes the account an ARN names.
func (b *builder) sawARN(file string, arn any) {
	s, _ := arn.(string)
	parts := strings.SplitN(s, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" || len(parts[4]) != 12 || strings.Trim(parts[4], "0123456789") != "" {
		return // not an ARN, or one of no account (AWS managed policies)
	}
	if !slices.ContainsFunc(b.accounts, func(a account) bool { return a.id == parts[4] }) {
		b.accounts = append(b.accounts, account{id: parts[4], file: file})
	}
}

// document joins what was read and returns the document.
func (b *builder) document() *providers.Document {
	for _, name := range sortedKeys(b.users) {
		b.users[name].(map[string]any)["credential_report"] = nil
	}
	reported := make(map[string]bool, len(b.report))
	for _, r := range b.report {
		row := r.(map[string]any)
		name, _ := row["user"].(string)
		if name == rootUser {
			continue
		}
		reported[name] = true
		if user, ok := b.users[name].(map[string]any); ok {
			user["credential_report"] = row
		} else if b.authorization {
			b.warn(b.file(credentialReport), "User not in the authorization details",
				fmt.Sprintf("the credential report has a row for %q, which iam-account-authorization-details.json does not list; export both files at the same time", name))
		}
	}
	if b.authorization && b.hasReport {
		for _, name := range sortedKeys(b.users) {
			if !reported[name] {
				b.warn(b.file(authorizationDetails), "User not in the credential report",
					fmt.Sprintf("the user %q has no row in credential-report.csv, so its credential_report is null; generate the report again (aws iam generate-credential-report) and export both files at the same time", name))
			}
		}
	}

	sort.Strings(b.sources)
	files := make([]any, len(b.sources))
	for i, s := range b.sources {
		files[i] = s
	}
	doc := &providers.Document{
		Value: map[string]any{
			"iam": map[string]any{
				"users":             b.users,
				"groups":            b.groups,
				"roles":             b.roles,
				"policies":          b.policies,
				"credential_report": b.report,
				"root":              b.root,
				"password_policy":   b.passwordPolicy,
			},
			"cloudtrail": map[string]any{"trails": b.trails},
			"s3":         map[string]any{"buckets": b.buckets},
			"rds":        map[string]any{"instances": b.instances},
			"kms":        map[string]any{"keys": b.keys},
			"files":      files,
		},
		Sources:  b.sources,
		Items:    len(b.users) + len(b.trails) + len(b.buckets) + len(b.instances) + len(b.keys),
		Warnings: b.warnings,
		Params:   map[string]string{"snapshot": b.snapshot},
	}
	switch len(b.accounts) {
	case 0:
	case 1:
		doc.Params["account_id"] = b.accounts[0].id
	default:
		ids := make([]string, len(b.accounts))
		for i, a := range b.accounts {
			ids[i] = a.id
		}
		second := b.accounts[1]
		doc.Warnings = append(doc.Warnings, &providers.SourceError{File: second.file, Summary: "Several AWS accounts in one snapshot",
			Detail: fmt.Sprintf("the ARNs in the snapshot name the accounts %s (%s first names %s); a snapshot directory holds the exports of one account: give each account its own directory and provider block", strings.Join(ids, ", "), second.file, second.id)})
	}
	return doc
}

// file returns the repository-relative name of the file of kind k, which
// was read.
func (b *builder) file(k kind) string {
	name := map[kind]string{authorizationDetails: "iam-account-authorization-details.json", credentialReport: "credential-report.csv"}[k]
	if b.snapshot == "." {
		return name
	}
	return b.snapshot + "/" + name
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
