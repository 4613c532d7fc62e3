# METADATA
# title: PostgreSQL accepts encrypted connections
# description: >-
#   The ledger database has ssl on, so that clients can encrypt their connections
#   (the hba rules that require it are outside what the catalog reads; RDS sets
#   rds.force_ssl).
package soc1.data.postgres_ssl

import data.soc1.lib.postgres

resources contains "setting:ssl" if postgres.examined

deny contains {"resource": "setting:ssl", "message": sprintf("ssl is %q: connections to the database cannot be encrypted", [value])} if {
	postgres.examined
	value := postgres.setting("ssl")
	value != "on"
}
