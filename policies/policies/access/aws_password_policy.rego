# METADATA
# title: The AWS account password policy requires strong passwords
# description: >-
#   The account's IAM password policy exists and requires at least
#   soc1.params.minimum_password_length characters, upper- and lower-case letters,
#   numbers and symbols, and prevents the reuse of the last
#   soc1.params.password_reuse_prevention passwords. The population is the account's
#   password policy, judged when the snapshot holds IAM exports; an absent
#   get-account-password-policy export means no policy is set.
package soc1.access.aws_password_policy

import data.soc1.params

# The policy is examined when the snapshot holds the account's IAM exports.
iam_exported if {
	some f in input.aws.files
	regex.match(`(^|/)(iam-account-authorization-details\.json|credential-report\.csv|iam-account-password-policy\.json)$`, f)
}

resources contains "iam-password-policy" if iam_exported

policy := input.aws.iam.password_policy

deny contains {"resource": "iam-password-policy", "message": "the account has no IAM password policy: AWS defaults allow 8-character passwords and reuse"} if {
	iam_exported
	policy == null
}

deny contains {"resource": "iam-password-policy", "message": msg} if {
	policy != null
	some problem in problems
	msg := sprintf("the IAM password policy %s", [problem])
}

problems contains sprintf("requires %v characters; at least %d are required", [object.get(policy, "MinimumPasswordLength", 0), params.minimum_password_length]) if {
	object.get(policy, "MinimumPasswordLength", 0) < params.minimum_password_length
}

problems contains sprintf("does not require %s", [what]) if {
	some field, what in {
		"RequireSymbols": "symbols",
		"RequireNumbers": "numbers",
		"RequireUppercaseCharacters": "upper-case letters",
		"RequireLowercaseCharacters": "lower-case letters",
	}
	object.get(policy, field, false) != true
}

problems contains sprintf("prevents the reuse of %v previous passwords; at least %d is required", [object.get(policy, "PasswordReusePrevention", 0), params.password_reuse_prevention]) if {
	object.get(policy, "PasswordReusePrevention", 0) < params.password_reuse_prevention
}
