# METADATA
# title: PostgreSQL logs connections and audits changes to roles and schemas
# description: >-
#   The ledger database logs connections and disconnections, loads pgaudit
#   (shared_preload_libraries), and pgaudit.log covers role and DDL statements
#   ("role" and "ddl", or "all"), so that privileged activity on the database leaves
#   a trail.
package soc1.operations.postgres_logging

import data.soc1.lib.postgres

checked := {"log_connections", "log_disconnections", "shared_preload_libraries", "pgaudit.log"}

resources contains sprintf("setting:%s", [name]) if {
	postgres.examined
	some name in checked
}

deny contains {"resource": sprintf("setting:%s", [name]), "message": sprintf("%s is %q, not on", [name, postgres.setting(name)])} if {
	postgres.examined
	some name in {"log_connections", "log_disconnections"}
	postgres.setting(name) != "on"
}

deny contains {"resource": "setting:shared_preload_libraries", "message": sprintf("pgaudit is not loaded (shared_preload_libraries is %q)", [postgres.setting("shared_preload_libraries")])} if {
	postgres.examined
	not "pgaudit" in libraries
}

deny contains {"resource": "setting:pgaudit.log", "message": sprintf("pgaudit.log is %s: %s statements are not audited", [shown("pgaudit.log"), class])} if {
	postgres.examined
	some class in {"role", "ddl"}
	not audited(class)
}

libraries := {trim_space(l) | some l in split(postgres.setting("shared_preload_libraries"), ",")}

classes := {trim_space(c) | some c in split(lower(postgres.setting("pgaudit.log")), ",")}

audited(class) if classes[class]

audited(_) if classes.all

# shown(name) is a setting's value as a message shows it.
shown(name) := sprintf("%q", [input.postgres.settings[name].setting]) if input.postgres.settings[name]

else := "not set (pgaudit is not loaded, or the collecting role cannot see it)"
