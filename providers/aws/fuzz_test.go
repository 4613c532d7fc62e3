package aws

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/socle-dev/socle/providers"
	"github.com/socle-dev/socle/providers/internal/providertest"
)

// checkError checks what every parser promises of its errors: a
// *providers.SourceError for the file, positioned within it when positioned.
func checkError(t *testing.T, err error, file string, data []byte) {
	t.Helper()
	var se *providers.SourceError
	if !errors.As(err, &se) {
		t.Fatalf("error %v (%T) is not a *providers.SourceError", err, err)
	}
	lines := 1
	for _, b := range data {
		if b == '\n' || b == '\r' {
			lines++
		}
	}
	if se.File != file || se.Summary == "" || se.Detail == "" || se.Line < 0 || se.Column < 0 || se.Line > lines || (se.Line == 0 && se.Column != 0) {
		t.Fatalf("malformed error %#v", se)
	}
}

// FuzzCredentialReport feeds the credential report parser: it must never
// panic, and either return a positioned error or rows of strings keyed by a
// header that has the required columns, each user once.
func FuzzCredentialReport(f *testing.F) {
	for _, name := range []string{"snapshots/prod/credential-report.csv", "snapshots/hardened/credential-report.csv"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"user,arn,user_creation_time,password_enabled,mfa_active\n<root_account>,arn:aws:iam::123456789012:root,2021-03-08T08:55:02+00:00,not_supported,true\n",
		"user,arn,user_creation_time,password_enabled,mfa_active\r\nbob,arn,\"2021\",true,\"fal\"\"se\"\r\n",
		"user,arn,user_creation_time,password_enabled,mfa_active\nbob,arn\n",
		"user,arn,user_creation_time,password_enabled,mfa_active\nbob,a,b,c,d\nbob,a,b,c,d\n",
		"user,user,arn\n",
		"\xef\xbb\xbfuser,arn,user_creation_time,password_enabled,mfa_active\n",
		`{"Content": "dXNlcg==", "ReportFormat": "text/csv"}`,
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := parseCredentialReport("credential-report.csv", data)
		if err != nil {
			checkError(t, err, "credential-report.csv", data)
			return
		}
		if err := providertest.CheckValue(rows); err != nil {
			t.Fatal(err)
		}
		users := map[any]bool{}
		for _, r := range rows {
			row := r.(map[string]any)
			for _, column := range reportColumns {
				if _, ok := row[column].(string); !ok {
					t.Fatalf("row %v has no %s", row, column)
				}
			}
			if users[row["user"]] {
				t.Fatalf("user %v listed twice", row["user"])
			}
			users[row["user"]] = true
		}
	})
}

// FuzzExport feeds the JSON loader the content of any kind of file: it must
// never panic, and either return a positioned error or a value tree that
// holds what Load relies on (builder.add asserts it). Seeds are kept small
// (the large fixtures are left out): the fuzzer minimizes every new
// interesting input, in time quadratic in its size.
func FuzzExport(f *testing.F) {
	seeds := map[kind][]string{
		passwordPolicy:    {"snapshots/prod/iam-account-password-policy.json"},
		describeTrails:    {"snapshots/prod/cloudtrail-describe-trails.json"},
		trailStatus:       {"snapshots/prod/cloudtrail-trail-status/payroll-data-events.json"},
		bucketVersioning:  {"snapshots/prod/s3/acme-cloudtrail-logs-123456789012/versioning.json"},
		bucketEncryption:  {"snapshots/prod/s3/acme-cloudtrail-logs-123456789012/encryption.json"},
		publicAccessBlock: {"snapshots/prod/s3/acme-legacy-reports/public-access-block.json"},
		dbInstances:       {"invalid/rds-type/rds-describe-db-instances.json"},
		listKeys:          {"snapshots/prod/kms-list-keys.json"},
		keyRotation:       {"snapshots/prod/kms/6f1c2b9e-4d3a-4b8e-9f21-7c5d8e0a3b14/rotation-status.json"},
	}
	for k, names := range seeds {
		for _, name := range names {
			data, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(uint8(k), data)
		}
	}
	for _, s := range []struct {
		k    kind
		data string
	}{
		{authorizationDetails, `{"RoleDetailList": [{"RoleName": "r", "AssumeRolePolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%7D", "InstanceProfileList": [{"Roles": [{"AssumeRolePolicyDocument": "{\"a\": 1}"}]}]}]}`},
		{authorizationDetails, `{"Policies": [{"Arn": "a", "PolicyVersionList": [{"Document": "%7"}]}], "IsTruncated": true}`},
		{authorizationDetails, `{"UserDetailList": [{"UserName": "a"}, {"UserName": "a"}]}`},
		{passwordPolicy, `{"trailList": []}`},
		{passwordPolicy, `{"PasswordPolicy": {"MinimumPasswordLength": "14"}}`},
		{bucketVersioning, ``},
		{bucketVersioning, `{}`},
		{dbInstances, `{"DBInstances": [], "Marker": "m"}`},
		{listKeys, `{"Keys": [{"KeyId": 1}], "NextToken": "t"}`},
		{keyRotation, `[true]`},
		{trailStatus, "user,arn,x\n"},
	} {
		f.Add(uint8(s.k), []byte(s.data))
	}
	jsonKinds := make([]kind, 0, len(exports))
	for _, k := range kinds {
		if k != credentialReport {
			jsonKinds = append(jsonKinds, k)
		}
	}
	f.Fuzz(func(t *testing.T, k uint8, data []byte) {
		kd := kind(k)
		if _, ok := exports[kd]; !ok {
			kd = jsonKinds[int(k)%len(jsonKinds)]
		}
		top, err := readExport(kd, "f.json", data)
		if err != nil {
			checkError(t, err, "f.json", data)
			return
		}
		if err := providertest.CheckValue(top); err != nil {
			t.Fatal(err)
		}
		// What Load does with the value must not panic either.
		b := newBuilder(".")
		b.add(file{name: "f.json", kind: describeTrails}, map[string]any{"trailList": []any{map[string]any{"Name": "t"}}})
		b.add(file{name: "f.json", kind: listKeys}, map[string]any{"Keys": []any{map[string]any{"KeyId": "k"}}})
		b.add(file{name: "f.json", kind: kd, key: "t"}, top)
		b.add(file{name: "f.json", kind: kd, key: "k"}, top)
		doc := b.document()
		if err := providertest.CheckValue(doc.Value); err != nil {
			t.Fatal(err)
		}
	})
}
