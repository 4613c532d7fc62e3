package soc1.access.postgres_password_encryption_test

import data.soc1.access.postgres_password_encryption as control

pg(settings) := {"postgres": {"roles": {"app": {"name": "app"}}, "settings": settings}}

test_scram_passes if {
	count(control.deny) == 0 with input as pg({"password_encryption": {"setting": "scram-sha-256"}})
	control.resources == {"setting:password_encryption"} with input as pg({"password_encryption": {"setting": "scram-sha-256"}})
}

test_md5_fails if {
	count(control.deny) == 1 with input as pg({"password_encryption": {"setting": "md5"}})
}

test_not_collected_fails if {
	denied := control.deny with input as pg({})
	denied == {{"resource": "setting:password_encryption", "message": "password_encryption is \"(not collected)\", not scram-sha-256"}}
}
