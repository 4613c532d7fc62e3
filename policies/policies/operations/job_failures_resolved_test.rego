package soc1.operations.job_failures_resolved_test

import data.soc1.operations.job_failures_resolved as control

runs(rows) := {"job_runs": {"items": [{"value": r} | some r in rows]}}

run(id, status, rerun_of, incident) := {"run_id": id, "job": "payroll/pay-run", "business_date": "2026-11-25", "status": status, "rerun_of": rerun_of, "incident": incident}

test_rerun_resolves_failure if {
	inp := runs([run("R1", "failed", "", ""), run("R2", "succeeded", "R1", "")])
	count(control.deny) == 0 with input as inp
	control.resources == {"R1", "R2"} with input as inp
}

test_incident_resolves_failure if {
	count(control.deny) == 0 with input as runs([run("R1", "failed", "", "INC-1")])
}

test_unresolved_failure_fails if {
	denied := control.deny with input as runs([run("R1", "failed", "", ""), run("R2", "failed", "R1", "")])
	{d.resource | some d in denied} == {"R1", "R2"}
}
