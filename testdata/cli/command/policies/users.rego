package cli.command

resources contains u.value.id if some u in input.command

deny contains {"resource": u.value.id, "message": sprintf("%s has no MFA", [u.value.id])} if {
	some u in input.command
	not u.value.mfa
}
