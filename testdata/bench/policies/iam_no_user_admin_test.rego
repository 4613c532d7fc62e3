package socle.bench.iam_no_user_admin_test

import data.socle.bench.iam_no_user_admin
import data.socle.bench.lib.fixture

user := fixture.resource("aws_iam_user", "ana", {"name": "ana"})

attachment(arn) := fixture.resource("aws_iam_user_policy_attachment", "ana", {"user": "ana", "policy_arn": arn})

test_read_only_user_passes if {
	count(iam_no_user_admin.deny) == 0 with input as fixture.plan([user, attachment("arn:aws:iam::aws:policy/ReadOnlyAccess")])
}

test_admin_user_fails if {
	inp := fixture.plan([user, attachment("arn:aws:iam::aws:policy/AdministratorAccess")])
	iam_no_user_admin.deny == {{"resource": "aws_iam_user.ana", "msg": "aws_iam_user.ana: user ana has an administrator policy attached directly"}} with input as inp
}
