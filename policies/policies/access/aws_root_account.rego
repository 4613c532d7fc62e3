# METADATA
# title: The AWS root user has MFA and no access keys
# description: >-
#   The account's root user (the credential report's <root_account> row) has an
#   MFA device active and no active access key: the root user's credentials are
#   kept for break-glass use only.
package soc1.access.aws_root_account

root := input.aws.iam.root

resources contains root.arn if root != null

deny contains {"resource": root.arn, "message": "the root user has no MFA device"} if {
	root != null
	root.mfa_active != "true"
}

deny contains {"resource": root.arn, "message": sprintf("the root user has an active access key (%s)", [key])} if {
	root != null
	some key in ["access_key_1", "access_key_2"]
	object.get(root, sprintf("%s_active", [key]), "false") == "true"
}
