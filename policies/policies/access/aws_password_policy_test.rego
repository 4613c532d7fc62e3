package soc1.access.aws_password_policy_test

import data.soc1.access.aws_password_policy as control

strong := {
	"MinimumPasswordLength": 14, "RequireSymbols": true, "RequireNumbers": true,
	"RequireUppercaseCharacters": true, "RequireLowercaseCharacters": true, "PasswordReusePrevention": 24,
}

aws(policy) := {"aws": {"files": ["snapshots/aws/iam-account-password-policy.json"], "iam": {"password_policy": policy}}}

test_strong_policy_passes if {
	count(control.deny) == 0 with input as aws(strong)
	control.resources == {"iam-password-policy"} with input as aws(strong)
}

test_weak_policy_fails if {
	denied := control.deny with input as aws(object.union(strong, {"MinimumPasswordLength": 8, "RequireSymbols": false}))
	{d.message | some d in denied} == {
		"the IAM password policy requires 8 characters; at least 14 are required",
		"the IAM password policy does not require symbols",
	}
}

test_no_policy_fails if {
	count(control.deny) == 1 with input as {"aws": {"files": ["snapshots/aws/credential-report.csv"], "iam": {"password_policy": null}}}
}

test_no_iam_export_is_not_examined if {
	count(control.resources) == 0 with input as {"aws": {"files": [], "iam": {"password_policy": null}}}
}
