package cli.users

resources contains u.value.id if some u in input.file.items

deny contains {"resource": u.value.id, "message": sprintf("%s has no MFA", [u.value.id])} if {
	some u in input.file.items
	not u.value.mfa
}
