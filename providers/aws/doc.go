// Package aws is the "aws" provider: a directory of AWS CLI exports for one
// account (load mode; collect mode, running the aws CLI, is not written yet).
//
// # Configuration
//
//	provider "aws" {
//	  snapshot = "snapshots/aws-prod" # required
//	}
//
// snapshot names a directory inside the policy repository (not a file, not a
// glob). It holds the JSON output of the AWS CLI (--output json, version 1
// or 2) and the credential report, each file named by the command that
// writes it:
//
//	iam-account-authorization-details.json  aws iam get-account-authorization-details
//	credential-report.csv                   aws iam get-credential-report --query Content --output text | base64 --decode
//	iam-account-password-policy.json        aws iam get-account-password-policy
//	cloudtrail-describe-trails.json         aws cloudtrail describe-trails
//	cloudtrail-trail-status/<Name>.json     aws cloudtrail get-trail-status --name <Name>
//	s3/<bucket>/versioning.json             aws s3api get-bucket-versioning --bucket <bucket>
//	s3/<bucket>/encryption.json             aws s3api get-bucket-encryption --bucket <bucket>
//	s3/<bucket>/public-access-block.json    aws s3api get-public-access-block --bucket <bucket>
//	rds-describe-db-instances.json          aws rds describe-db-instances
//	kms-list-keys.json                      aws kms list-keys
//	kms/<KeyId>/rotation-status.json        aws kms get-key-rotation-status --key-id <KeyId>
//
// The CloudTrail, RDS and KMS commands describe the region they ran in (and
// describe-trails the multi-Region trails of other regions); a snapshot of
// several regions needs one directory, and one provider block, per region.
//
// Every file may be absent. Where the command fails when nothing is
// configured (get-account-password-policy: NoSuchEntity; get-bucket-encryption:
// ServerSideEncryptionConfigurationNotFoundError; get-public-access-block:
// NoSuchPublicAccessBlockConfiguration), an absent file means not
// configured; get-key-rotation-status fails for keys that cannot rotate
// (asymmetric, HMAC, imported key material), whose file is then absent too. An empty
// versioning.json is what the CLI prints for a bucket whose versioning was
// never set, and is read as {}; any other empty file is an error. A
// directory under s3/ is a bucket, even when it holds none of the three
// files. Names that start with a dot are skipped. Any other file is a
// warning (it is not read), as is a trail status or rotation status whose
// trail or key the list does not have.
//
// # Document
//
//	{
//	  "iam": {
//	    "users":             { "<UserName>": <user>, … },
//	    "groups":            { "<GroupName>": <GroupDetailList entry>, … },
//	    "roles":             { "<RoleName>": <RoleDetailList entry>, … },
//	    "policies":          { "<Arn>": <Policies entry>, … },
//	    "credential_report": [ <row>, … ],
//	    "root":              <row> | null,
//	    "password_policy":   <PasswordPolicy> | null
//	  },
//	  "cloudtrail": { "trails":    { "<Name>": <trail>, … } },
//	  "s3":         { "buckets":   { "<bucket>": <bucket>, … } },
//	  "rds":        { "instances": { "<DBInstanceIdentifier>": <DBInstances entry>, … } },
//	  "kms":        { "keys":      { "<KeyId>": <key>, … } },
//	  "files":      [ "<path>", … ]
//	}
//
// Exported content keeps its field names and JSON types: each entry is the
// object the command wrote, indexed by the field named above. Numbers are
// JSON numbers and timestamps are as the CLI wrote them (strings in ISO 8601
// for CLI version 2, some epoch numbers for version 1). Top-level fields that
// are not listed (IsTruncated, Marker) are dropped.
//
// A <user> is its UserDetailList entry plus "credential_report": the row of
// the credential report whose user column is its UserName, the same object
// as in iam.credential_report, or null when the report has no row for it
// (or is absent).
//
// Policy documents (UserPolicyList[].PolicyDocument,
// GroupPolicyList[].PolicyDocument, RolePolicyList[].PolicyDocument,
// AssumeRolePolicyDocument, also in InstanceProfileList[].Roles[], and
// PolicyVersionList[].Document) are JSON objects. The AWS CLI writes them
// so; the IAM API (and an SDK that does not decode them) returns them as
// URL-encoded JSON strings, which are decoded, so both exports give the same
// document.
//
// credential_report lists every row of the report in file order, the root
// user's included, each an object keyed by column name whose cells are the
// strings written ("true", "false", "N/A", "not_supported",
// "no_information", ISO 8601 times). root is the row whose user is
// "<root_account>". Columns beyond user, arn, user_creation_time,
// password_enabled and mfa_active are kept as the report has them but not
// required (older reports lack the access_key_N_last_used_* columns).
//
// password_policy is the PasswordPolicy object of get-account-password-policy.
//
// A <trail> is its trailList entry plus "status": the output of
// get-trail-status for it, or null.
//
// A <bucket> is
//
//	{
//	  "name":                "<bucket>",
//	  "versioning":          <get-bucket-versioning output> | null,  // {} when never set
//	  "encryption":          <ServerSideEncryptionConfiguration> | null,
//	  "public_access_block": <PublicAccessBlockConfiguration> | null
//	}
//
// encryption and public_access_block are the objects inside the commands'
// single top-level field, as password_policy is.
//
// A <key> is its Keys entry (KeyId, KeyArn) plus "rotation": the output of
// get-key-rotation-status for it, or null.
//
// files lists, sorted, the repository-relative paths of the files whose
// content is in the document; the document's sources are the same.
//
// # Absent and empty
//
// Every section is there whatever files are absent: maps are empty and
// single values null, so a policy never reads an undefined path by accident.
// An empty map does not tell an absent file from an account with nothing of
// that kind; files does: a policy that must know writes, for example,
//
//	exported if {
//		some f in input.aws.files
//		endswith(f, "rds-describe-db-instances.json")
//	}
//
// A policy whose population is empty is reported not_tested, so an absent
// list never passes a control by itself. A null password_policy,
// encryption or public_access_block means not configured (see above); a null
// rotation, status or credential_report means the file or row is missing.
//
// # Items and parameters
//
// The document's item count is the number of users, trails, buckets, DB
// instances and keys. Its parameters are the snapshot directory and, when
// every ARN in the IAM, RDS and KMS exports and the credential report names
// the same one, the account id (account_id). ARNs of several accounts are a
// warning: a snapshot directory holds the exports of one account.
//
// # Errors
//
// Malformed input is a *providers.SourceError with the file, line and column:
// "Invalid JSON"; "Not the output of <command>" for a file holding the
// output of another command (named when recognised) or not an object;
// "Incomplete export" for one page of a paginated command (NextToken,
// IsTruncated, Truncated or Marker set); "Invalid <what>" for an indexed
// name that is missing, not a string or listed twice, or a field policies
// compare (booleans such as StorageEncrypted or IsLogging, numbers such as
// MinimumPasswordLength) of another JSON type; "Invalid policy document" for
// a document string that does not decode; "Not an IAM credential report" and
// "Invalid credential report" for the CSV (a missing column, a row with more
// or fewer fields than the header, a user listed twice, the JSON of
// get-credential-report instead of its decoded Content). Text in UTF-16
// (Windows PowerShell's ">") is an error; a UTF-8 byte order mark is
// skipped.
//
// The package reads files only through the repository file system it is
// given and imports nothing of the evaluator.
package aws
