package socle.t.mfa

import data.socle.t.lib

resources contains u.id if some u in lib.users

deny contains {"resource": u.id, "message": sprintf("%s has no MFA device", [u.id])} if {
	some u in lib.users
	not u.mfa
}

warn contains {"resource": u.id, "message": "administrator"} if {
	some u in lib.users
	u.admin
}
