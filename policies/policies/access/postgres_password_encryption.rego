# METADATA
# title: PostgreSQL hashes passwords with SCRAM-SHA-256
# description: >-
#   The ledger database's password_encryption setting is scram-sha-256: new and
#   changed passwords are stored as SCRAM verifiers, not as MD5 hashes that can be
#   replayed by whoever reads pg_authid.
package soc1.access.postgres_password_encryption

import data.soc1.lib.postgres

resources contains "setting:password_encryption" if postgres.examined

deny contains {"resource": "setting:password_encryption", "message": sprintf("password_encryption is %q, not scram-sha-256", [value])} if {
	postgres.examined
	value := postgres.setting("password_encryption")
	value != "scram-sha-256"
}
