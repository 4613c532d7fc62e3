package socle.mfa

resources contains u.login if {
	some u in input.idp.content.users
	u.active
}

deny contains {"resource": u.login, "message": sprintf("%s has no MFA device", [u.login])} if {
	some u in input.idp.content.users
	u.active
	not u.mfa
}
