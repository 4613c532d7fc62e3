package soc1.operations.postgres_logging_test

import data.soc1.operations.postgres_logging as control

on(v) := {"setting": v}

good := {"log_connections": on("on"), "log_disconnections": on("on"), "shared_preload_libraries": on("pg_stat_statements, pgaudit"), "pgaudit.log": on("ddl,role,write")}

pg(settings) := {"postgres": {"roles": {"app": {"name": "app"}}, "settings": settings}}

test_audited_database_passes if {
	count(control.deny) == 0 with input as pg(good)
	count(control.resources) == 4 with input as pg(good)
}

test_audit_all_passes if {
	count(control.deny) == 0 with input as pg(object.union(good, {"pgaudit.log": on("all")}))
}

test_no_pgaudit_fails if {
	denied := control.deny with input as pg(object.union(good, {"shared_preload_libraries": on("pg_stat_statements"), "pgaudit.log": on("(not collected)")}))
	count(denied) == 3
}

test_connections_not_logged_fails if {
	count(control.deny) == 1 with input as pg(object.union(good, {"log_connections": on("off")}))
}
