package aws

import (
	"path"
	"strings"
)

// kind is one AWS CLI export the snapshot directory may hold.
type kind int

const (
	authorizationDetails kind = iota
	credentialReport
	passwordPolicy
	describeTrails
	trailStatus
	bucketVersioning
	bucketEncryption
	publicAccessBlock
	dbInstances
	listKeys
	keyRotation
)

// kinds lists every kind, in the order files are read.
var kinds = []kind{
	authorizationDetails, credentialReport, passwordPolicy,
	describeTrails, trailStatus,
	bucketVersioning, bucketEncryption, publicAccessBlock,
	dbInstances, listKeys, keyRotation,
}

// layoutSummary names the files a snapshot directory may hold, for messages.
const layoutSummary = "iam-account-authorization-details.json, credential-report.csv, iam-account-password-policy.json, " +
	"cloudtrail-describe-trails.json, cloudtrail-trail-status/<trail>.json, " +
	"s3/<bucket>/versioning.json, s3/<bucket>/encryption.json, s3/<bucket>/public-access-block.json, " +
	"rds-describe-db-instances.json, kms-list-keys.json, kms/<key-id>/rotation-status.json"

// file is one file of the snapshot the provider knows.
type file struct {
	name string // repository-relative path
	kind kind
	key  string // the trail, bucket or key id a per-resource file is about
}

// classify tells what the file at rel, a path relative to the snapshot
// directory, holds. ok is false for a file the layout does not name.
func classify(rel string) (k kind, key string, ok bool) {
	switch rel {
	case "iam-account-authorization-details.json":
		return authorizationDetails, "", true
	case "credential-report.csv":
		return credentialReport, "", true
	case "iam-account-password-policy.json":
		return passwordPolicy, "", true
	case "cloudtrail-describe-trails.json":
		return describeTrails, "", true
	case "rds-describe-db-instances.json":
		return dbInstances, "", true
	case "kms-list-keys.json":
		return listKeys, "", true
	}
	parts := strings.Split(rel, "/")
	switch {
	case len(parts) == 2 && parts[0] == "cloudtrail-trail-status" && path.Ext(parts[1]) == ".json" && len(parts[1]) > len(".json"):
		return trailStatus, strings.TrimSuffix(parts[1], ".json"), true
	case len(parts) == 3 && parts[0] == "s3":
		switch parts[2] {
		case "versioning.json":
			return bucketVersioning, parts[1], true
		case "encryption.json":
			return bucketEncryption, parts[1], true
		case "public-access-block.json":
			return publicAccessBlock, parts[1], true
		}
	case len(parts) == 3 && parts[0] == "kms" && parts[2] == "rotation-status.json":
		return keyRotation, parts[1], true
	}
	return 0, "", false
}
