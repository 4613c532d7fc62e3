# Every IAM user who can sign in to the console has an MFA device.
#
# The credential report says who has a console password (password_enabled)
# and who has MFA (mfa_active); its cells are the strings "true" and "false".
# The root user is checked by its own control (input.aws.iam.root).
package socle.aws.console_mfa

console_users contains user if {
	some user in input.aws.iam.users
	user.credential_report.password_enabled == "true"
}

resources contains user.Arn if some user in console_users

deny contains {"resource": user.Arn, "message": sprintf("%s signs in to the console without MFA", [user.UserName])} if {
	some user in console_users
	user.credential_report.mfa_active != "true"
}

# A user created after the credential report was generated cannot be checked.
warn contains {"resource": user.Arn, "message": sprintf("%s is not in the credential report; generate it again", [user.UserName])} if {
	some user in input.aws.iam.users
	user.credential_report == null
}
