# METADATA
# title: Only approved IAM users hold administrator access in AWS
# description: >-
#   Every IAM user with administrator access — the AdministratorAccess managed
#   policy, or any policy allowing every action on every resource, attached to
#   the user directly, inline, or through a group — is on management's approved
#   list (approvals/privileged-access.yaml, aws_administrators). The population is
#   every IAM user.
package soc1.access.aws_admins_approved

approved := {name | some name in object.get(input.approved_access.content, "aws_administrators", [])}

# Customer-managed policies by ARN whose default version allows everything.
admin_policy_arns contains "arn:aws:iam::aws:policy/AdministratorAccess"

admin_policy_arns contains arn if {
	some arn, p in input.aws.iam.policies
	some v in p.PolicyVersionList
	v.IsDefaultVersion
	allows_everything(v.Document)
}

# Groups that grant administrator access.
admin_groups contains name if {
	some name, g in input.aws.iam.groups
	grants_admin(g)
}

grants_admin(principal) if {
	some a in principal.AttachedManagedPolicies
	admin_policy_arns[a.PolicyArn]
}

grants_admin(principal) if {
	some list in ["UserPolicyList", "GroupPolicyList", "RolePolicyList"]
	some p in object.get(principal, list, [])
	allows_everything(p.PolicyDocument)
}

allows_everything(doc) if {
	some s in statements(doc)
	s.Effect == "Allow"
	"*" in as_list(s.Action)
	"*" in as_list(object.get(s, "Resource", []))
}

statements(doc) := doc.Statement if is_array(doc.Statement)

else := [doc.Statement]

as_list(x) := x if is_array(x)

else := [x]

administrator(u) if grants_admin(u)

administrator(u) if {
	some g in u.GroupList
	admin_groups[g]
}

resources contains u.Arn if some u in input.aws.iam.users

deny contains {"resource": u.Arn, "message": msg} if {
	some name, u in input.aws.iam.users
	administrator(u)
	not approved[name]
	msg := sprintf("IAM user %s has administrator access but is not on the approved list", [name])
}
