package soc1.access.aws_root_account_test

import data.soc1.access.aws_root_account as control

root(mfa, key1) := {"aws": {"iam": {"root": {"arn": "arn:aws:iam::1:root", "mfa_active": mfa, "access_key_1_active": key1, "access_key_2_active": "false"}}}}

test_root_with_mfa_and_no_keys_passes if {
	count(control.deny) == 0 with input as root("true", "false")
	control.resources == {"arn:aws:iam::1:root"} with input as root("true", "false")
}

test_root_without_mfa_fails if {
	count(control.deny) == 1 with input as root("false", "false")
}

test_root_with_access_key_fails if {
	count(control.deny) == 1 with input as root("true", "true")
}

test_no_report_is_not_examined if {
	count(control.resources) == 0 with input as {"aws": {"iam": {"root": null}}}
}
