# METADATA
# title: Terraform helpers
# description: >-
#   The managed resources of a Terraform plan or state (input.terraform, the
#   terraform provider's document) by type, and IAM policy documents as Terraform
#   stores them (a JSON string).
package soc1.lib.terraform

# of_type(t) is the list of managed resources of type t ([] when there are none).
of_type(t) := object.get(input.terraform.by_type, t, [])

# policy_statements(s) is the list of statements of an IAM policy document
# written as a JSON string; undefined when s is not such a string (a value
# known only after apply, in a plan).
policy_statements(s) := stmts if {
	is_string(s)
	doc := json.unmarshal(s)
	stmts := as_list(doc.Statement)
}

as_list(x) := x if is_array(x)

else := [x]
