# METADATA
# title: No IAM policy in Terraform grants every action on every resource
# description: >-
#   No IAM policy the Terraform configuration manages (aws_iam_policy and the
#   inline aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy) has a
#   statement that allows every action ("*") on every resource ("*"):
#   administrator access is granted through the approved groups only. A policy
#   whose document is known only after apply (in a plan) is a warning.
package soc1.access.iam_no_wildcard

import data.soc1.lib.terraform

policy_types := ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"]

policies contains r if {
	some t in policy_types
	some r in terraform.of_type(t)
}

resources contains r.address if some r in policies

deny contains {"resource": r.address, "message": sprintf("%s allows every action on every resource", [r.address])} if {
	some r in policies
	some s in terraform.policy_statements(r.values.policy)
	s.Effect == "Allow"
	"*" in terraform.as_list(s.Action)
	"*" in terraform.as_list(object.get(s, "Resource", []))
}

warn contains {"resource": r.address, "message": sprintf("the policy document of %s is not known (it is computed at apply): it was not examined", [r.address])} if {
	some r in policies
	not terraform.policy_statements(object.get(r.values, "policy", null))
}
