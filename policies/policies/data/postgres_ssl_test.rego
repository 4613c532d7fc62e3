package soc1.data.postgres_ssl_test

import data.soc1.data.postgres_ssl as control

pg(settings) := {"postgres": {"roles": {"app": {"name": "app"}}, "settings": settings}}

test_ssl_on_passes if {
	count(control.deny) == 0 with input as pg({"ssl": {"setting": "on"}})
	control.resources == {"setting:ssl"} with input as pg({"ssl": {"setting": "on"}})
}

test_ssl_off_fails if {
	count(control.deny) == 1 with input as pg({"ssl": {"setting": "off"}})
}
