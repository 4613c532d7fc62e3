package soc1.access.iam_no_wildcard_test

import data.soc1.access.iam_no_wildcard as control

tf(policy) := {"terraform": {"by_type": {"aws_iam_policy": [{"address": "aws_iam_policy.p", "values": {"policy": policy}}]}}}

test_scoped_policy_passes if {
	inp := tf(json.marshal({"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::b/*"}]}))
	count(control.deny) == 0 with input as inp
	control.resources == {"aws_iam_policy.p"} with input as inp
}

test_admin_policy_fails if {
	count(control.deny) == 1 with input as tf(json.marshal({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}))
}

test_unknown_policy_warns if {
	count(control.warn) == 1 with input as tf(null)
}
