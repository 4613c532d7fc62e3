package acme.aws.iam_no_wildcard_actions

policies := object.get(input.terraform.by_type, "aws_iam_policy", [])

resources contains p.address if some p in policies

# Statement actions as a list, whether the document gives a string or a list.
actions(stmt) := [stmt.Action] if is_string(stmt.Action)

actions(stmt) := stmt.Action if is_array(stmt.Action)

deny contains {"resource": p.address, "message": sprintf("policy %s allows every action (%q)", [p.values.name, a])} if {
	some p in policies
	doc := json.unmarshal(p.values.policy)
	some stmt in doc.Statement
	stmt.Effect == "Allow"
	some a in actions(stmt)
	a in {"*", "*:*"}
}
