package soc1.access.aws_console_mfa_test

import data.soc1.access.aws_console_mfa as control

report(rows) := {"aws": {"iam": {"credential_report": rows}}}

row(user, password, mfa) := {"user": user, "arn": concat("", ["arn:aws:iam::1:user/", user]), "password_enabled": password, "mfa_active": mfa}

test_console_users_with_mfa_pass if {
	inp := report([row("ann", "true", "true"), row("ci", "false", "false")])
	count(control.deny) == 0 with input as inp
	control.resources == {"arn:aws:iam::1:user/ann"} with input as inp
}

test_console_user_without_mfa_fails if {
	count(control.deny) == 1 with input as report([row("bob", "true", "false")])
}
