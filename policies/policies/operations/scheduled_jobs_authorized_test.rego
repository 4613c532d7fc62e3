package soc1.operations.scheduled_jobs_authorized_test

import data.soc1.operations.scheduled_jobs_authorized as control

cron(schedule) := {"kubernetes": {"by_kind": {"CronJob": [{"key": "CronJob/payroll/pay-run", "namespace": "payroll", "name": "pay-run", "object": {"spec": {"schedule": schedule}}}]}}}

schedule := {"content": {"jobs": [{"job": "payroll/pay-run", "schedule": "0 2 * * *", "change": "CHG-1"}]}}

test_approved_job_passes if {
	inp := object.union(cron("0 2 * * *"), {"job_schedule": schedule})
	count(control.deny) == 0 with input as inp
	control.resources == {"CronJob/payroll/pay-run"} with input as inp
}

test_changed_schedule_fails if {
	denied := control.deny with input as object.union(cron("0 3 * * *"), {"job_schedule": schedule})
	denied == {{"resource": "CronJob/payroll/pay-run", "message": "payroll/pay-run runs on \"0 3 * * *\", but the approved schedule is \"0 2 * * *\""}}
}

test_unapproved_job_fails if {
	count(control.deny) == 1 with input as object.union(cron("0 2 * * *"), {"job_schedule": {"content": {"jobs": []}}})
}
