package soc1.access.aws_admins_approved_test

import data.soc1.access.aws_admins_approved as control

admin_policy := {"PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}

iam(users) := {"users": users, "groups": {"Admins": {"AttachedManagedPolicies": [admin_policy]}, "Developers": {"AttachedManagedPolicies": []}}, "policies": {}}

user(name, groups) := {"Arn": concat("", ["arn:aws:iam::1:user/", name]), "GroupList": groups, "AttachedManagedPolicies": []}

approved := {"content": {"aws_administrators": ["ann"]}}

test_approved_admin_passes if {
	inp := {"aws": {"iam": iam({"ann": user("ann", ["Admins"]), "bob": user("bob", ["Developers"])})}, "approved_access": approved}
	count(control.deny) == 0 with input as inp
	count(control.resources) == 2 with input as inp
}

test_unapproved_group_admin_fails if {
	count(control.deny) == 1 with input as {"aws": {"iam": iam({"bob": user("bob", ["Admins"])})}, "approved_access": approved}
}

test_inline_wildcard_policy_fails if {
	inline := object.union(user("bob", []), {"UserPolicyList": [{"PolicyDocument": {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}}]})
	count(control.deny) == 1 with input as {"aws": {"iam": iam({"bob": inline})}, "approved_access": approved}
}

test_customer_managed_admin_policy_fails if {
	custom := {"arn:aws:iam::1:policy/Everything": {"PolicyVersionList": [{"IsDefaultVersion": true, "Document": {"Statement": [{"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}]}}]}}
	bob := object.union(user("bob", []), {"AttachedManagedPolicies": [{"PolicyArn": "arn:aws:iam::1:policy/Everything"}]})
	count(control.deny) == 1 with input as {"aws": {"iam": {"users": {"bob": bob}, "groups": {}, "policies": custom}}, "approved_access": approved}
}
