package northwind.access.mfa

# The population: every active account of the identity provider's export.
resources contains u.login if {
	some u in input.file.content.users
	u.status == "ACTIVE"
}

deny contains {"resource": u.login, "message": sprintf("%s is active without a second factor", [u.login])} if {
	some u in input.file.content.users
	u.status == "ACTIVE"
	count(u.factors) == 0
}

# Since March 2026, SMS alone no longer counts as a second factor.
deny contains {"resource": u.login, "message": sprintf("%s relies on SMS alone", [u.login])} if {
	some u in input.file.content.users
	u.status == "ACTIVE"
	u.factors == ["sms"]
}
