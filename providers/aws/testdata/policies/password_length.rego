# The account's IAM password policy requires passwords of 14 characters or
# more. No password policy at all (the file is absent: the API's NoSuchEntity)
# is a deviation too: IAM then accepts passwords of 8 characters.
package socle.aws.password_length

minimum := 14

resources contains "iam-password-policy"

deny contains {"resource": "iam-password-policy", "message": "the account has no IAM password policy"} if {
	input.aws.iam.password_policy == null
}

deny contains {"resource": "iam-password-policy", "message": msg} if {
	length := input.aws.iam.password_policy.MinimumPasswordLength
	length < minimum
	msg := sprintf("the password policy requires %d characters, fewer than %d", [length, minimum])
}
