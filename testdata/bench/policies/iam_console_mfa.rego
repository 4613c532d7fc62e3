# Every IAM user with a console password (a login profile) has the require-mfa
# policy attached, which denies everything until the user signs in with MFA.
package socle.bench.iam_console_mfa

mfa_policy_suffix := ":policy/require-mfa"

console_users := {p.values.user | some p in input.terraform.by_type.aws_iam_user_login_profile}

mfa_enforced := {a.values.user |
	some a in input.terraform.by_type.aws_iam_user_policy_attachment
	endswith(object.get(a.values, "policy_arn", ""), mfa_policy_suffix)
}

resources contains r.address if some r in input.terraform.by_type.aws_iam_user

deny contains {"resource": r.address, "msg": sprintf("%s: console user %s has no MFA-enforcing policy attached", [r.address, name])} if {
	some r in input.terraform.by_type.aws_iam_user
	name := r.values.name
	console_users[name]
	not mfa_enforced[name]
}
