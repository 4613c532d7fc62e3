package socle.bench.iam_console_mfa_test

import data.socle.bench.iam_console_mfa
import data.socle.bench.lib.fixture

user := fixture.resource("aws_iam_user", "ana", {"name": "ana"})

profile := fixture.resource("aws_iam_user_login_profile", "ana", {"user": "ana", "password_reset_required": true})

attachment(arn) := fixture.resource("aws_iam_user_policy_attachment", "ana", {"user": "ana", "policy_arn": arn})

test_console_user_with_mfa_policy_passes if {
	inp := fixture.plan([user, profile, attachment("arn:aws:iam::111122223333:policy/require-mfa")])
	count(iam_console_mfa.deny) == 0 with input as inp
	iam_console_mfa.resources == {"aws_iam_user.ana"} with input as inp
}

test_programmatic_user_passes if {
	count(iam_console_mfa.deny) == 0 with input as fixture.plan([user])
}

test_console_user_without_mfa_policy_fails if {
	inp := fixture.plan([user, profile, attachment("arn:aws:iam::aws:policy/ReadOnlyAccess")])
	iam_console_mfa.deny == {{"resource": "aws_iam_user.ana", "msg": "aws_iam_user.ana: console user ana has no MFA-enforcing policy attached"}} with input as inp
}
