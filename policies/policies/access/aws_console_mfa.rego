# METADATA
# title: Every AWS IAM user with a console password has MFA
# description: >-
#   In the IAM credential report, every user other than the root user whose
#   password is enabled (who can sign in to the AWS console) has an MFA device
#   active. The population is the console users.
package soc1.access.aws_console_mfa

console_users contains row if {
	some row in input.aws.iam.credential_report
	row.user != "<root_account>"
	row.password_enabled == "true"
}

resources contains row.arn if some row in console_users

deny contains {"resource": row.arn, "message": msg} if {
	some row in console_users
	row.mfa_active != "true"
	msg := sprintf("IAM user %s can sign in to the console with a password but has no MFA device", [row.user])
}
