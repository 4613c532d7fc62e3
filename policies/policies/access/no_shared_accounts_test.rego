package soc1.access.no_shared_accounts_test

import data.soc1.access.no_shared_accounts as control

hr := {"items": [
	{"value": {"employee_number": "E1", "status": "active"}},
	{"value": {"employee_number": "E2", "status": "terminated"}},
]}

idp(users) := {"items": [{"value": {"users": users}}]}

person(login, number) := {"status": "ACTIVE", "profile": {"login": login, "employeeNumber": number, "userType": "employee"}}

service(login, owner) := {"status": "ACTIVE", "profile": {"login": login, "serviceOwner": owner, "userType": "service"}}

test_traceable_accounts_pass if {
	inp := {"hr": hr, "idp": idp([person("a@x", "E1"), service("svc@x", "E1")])}
	count(control.deny) == 0 with input as inp
	count(control.resources) == 2 with input as inp
}

test_generic_account_fails if {
	denied := control.deny with input as {"hr": hr, "idp": idp([{"status": "ACTIVE", "profile": {"login": "payroll-team@x", "userType": "employee"}}])}
	denied == {{"resource": "payroll-team@x", "message": "payroll-team@x is not linked to anyone on the HR roster (employee number: none): it may be shared or generic"}}
}

test_orphaned_service_account_fails if {
	count(control.deny) == 1 with input as {"hr": hr, "idp": idp([service("svc@x", "E2")])}
}
