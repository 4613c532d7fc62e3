package socle.bench.iam_wildcards_test

import data.socle.bench.iam_wildcards
import data.socle.bench.lib.fixture

policy(name, doc) := fixture.resource("aws_iam_policy", name, {"name": name, "policy": json.marshal(doc)})

role(principal) := fixture.resource("aws_iam_role", "r", {"name": "r", "assume_role_policy": json.marshal({
	"Version": "2012-10-17",
	"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": principal}],
})})

test_scoped_policy_and_service_role_pass if {
	inp := fixture.plan([
		policy("p", {"Statement": [{"Action": "s3:*", "Effect": "Allow", "Resource": "*"}]}),
		policy("q", {"Statement": [{"Action": "*", "Effect": "Deny", "Resource": "*"}]}),
		role({"Service": "ec2.amazonaws.com"}),
	])
	count(iam_wildcards.deny) == 0 with input as inp
	iam_wildcards.resources == {"aws_iam_policy.p", "aws_iam_policy.q", "aws_iam_role.r"} with input as inp
}

test_admin_policy_fails if {
	# Statement as a single object, Action as a list.
	inp := fixture.plan([policy("p", {"Statement": {"Action": ["ec2:Describe*", "*"], "Effect": "Allow", "Resource": "*"}})])
	iam_wildcards.deny == {{"resource": "aws_iam_policy.p", "msg": "aws_iam_policy.p: policy p allows every action on every resource"}} with input as inp
}

test_role_trusting_anyone_fails if {
	want := {{"resource": "aws_iam_role.r", "msg": "aws_iam_role.r: any principal may assume role r"}}
	iam_wildcards.deny == want with input as fixture.plan([role({"AWS": "*"})])
	iam_wildcards.deny == want with input as fixture.plan([role("*")])
}
