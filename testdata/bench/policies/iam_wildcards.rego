# No customer-managed policy allows every action on every resource, and no role
# may be assumed by any principal.
package socle.bench.iam_wildcards

import data.socle.bench.lib

resources contains p.address if some p in input.terraform.by_type.aws_iam_policy

resources contains r.address if some r in input.terraform.by_type.aws_iam_role

deny contains {"resource": p.address, "msg": sprintf("%s: policy %s allows every action on every resource", [p.address, p.values.name])} if {
	some p in input.terraform.by_type.aws_iam_policy
	some s in lib.statements(p.values.policy)
	s.Effect == "Allow"
	"*" in lib.as_array(object.get(s, "Action", []))
	"*" in lib.as_array(object.get(s, "Resource", []))
}

deny contains {"resource": r.address, "msg": sprintf("%s: any principal may assume role %s", [r.address, r.values.name])} if {
	some r in input.terraform.by_type.aws_iam_role
	some s in lib.statements(r.values.assume_role_policy)
	s.Effect == "Allow"
	any_principal(s.Principal)
}

any_principal(p) if p == "*"

any_principal(p) if {
	is_object(p)
	"*" in lib.as_array(object.get(p, "AWS", []))
}
