# No IAM user holds administrator access through a directly attached policy:
# administrators assume a role for a session instead.
package socle.bench.iam_no_user_admin

admin_policies := {
	"arn:aws:iam::aws:policy/AdministratorAccess",
	"arn:aws:iam::aws:policy/IAMFullAccess",
}

admins := {a.values.user |
	some a in input.terraform.by_type.aws_iam_user_policy_attachment
	a.values.policy_arn in admin_policies
}

resources contains r.address if some r in input.terraform.by_type.aws_iam_user

deny contains {"resource": r.address, "msg": sprintf("%s: user %s has an administrator policy attached directly", [r.address, r.values.name])} if {
	some r in input.terraform.by_type.aws_iam_user
	admins[r.values.name]
}
