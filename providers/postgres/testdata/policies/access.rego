# Database access to the ledger is restricted: no role that can log in is a
# superuser unless it is on the allow-list, and passwords are hashed with
# SCRAM-SHA-256 (md5 hashes can be replayed from a stolen pg_authid).
package socle.postgres.access

# Roles allowed to log in as superuser: the bootstrap role, and the sealed
# break-glass account whose use is reviewed monthly.
allowed_superusers := {"postgres", "dba_break_glass"}

# The population: every role that can log in, and the server's password
# hashing setting.
resources contains role.name if {
	some role in input.postgres.roles
	role.login
}

resources contains "setting:password_encryption"

deny contains {"resource": role.name, "message": sprintf("%s can log in and is a superuser, but is not on the allow-list", [role.name])} if {
	some role in input.postgres.roles
	role.login
	role.superuser
	not role.name in allowed_superusers
}

deny contains {"resource": "setting:password_encryption", "message": sprintf("password_encryption is %q, not scram-sha-256", [setting])} if {
	setting := object.get(input.postgres.settings, ["password_encryption", "setting"], "(not collected)")
	setting != "scram-sha-256"
}
