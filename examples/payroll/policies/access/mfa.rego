# Every active identity provider account has MFA enrolled.
package acme.access.mfa

resources contains u.login if {
	some u in input.file.content.users
	u.status == "ACTIVE"
}

deny contains {"resource": u.login, "message": sprintf("%s is active without a second factor", [u.login])} if {
	some u in input.file.content.users
	u.status == "ACTIVE"
	not u.mfa_enrolled
}
