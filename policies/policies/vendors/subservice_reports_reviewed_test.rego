package soc1.vendors.subservice_reports_reviewed_test

import data.soc1.vendors.subservice_reports_reviewed as control

org := {
	"name": "Hosting Co.",
	"report": {"type": "SOC 1 Type 2", "period_end": "2026-09-30", "received_on": "2026-11-10"},
	"bridge_letter": null,
	"review": {"reviewed_by": "CISO", "reviewed_on": "2026-11-20", "csocs_evaluated": true, "cuecs_implemented": true, "exceptions_evaluated": true},
}

register(o) := {"vendors": {"content": {"register_date": "2026-11-30", "organizations": [o]}}}

test_reviewed_report_passes if {
	count(control.deny) == 0 with input as register(org)
	control.resources == {"Hosting Co."} with input as register(org)
}

test_bridged_gap_passes if {
	old := object.union(org, {"report": {"type": "SOC 1 Type II", "period_end": "2026-06-30", "received_on": "2026-08-28"}, "bridge_letter": {"covers_through": "2026-09-30"}})
	count(control.deny) == 0 with input as register(old)
}

test_type1_report_fails if {
	denied := control.deny with input as register(object.union(org, {"report": {"type": "SOC 1 Type 1", "period_end": "2026-09-30", "received_on": "2026-11-10"}}))
	denied == {{"resource": "Hosting Co.", "message": "Hosting Co.: the report is not a Type 2 report (operating effectiveness over a period)"}}
}

test_stale_unbridged_report_fails if {
	old := object.union(org, {"report": {"type": "SOC 1 Type 2", "period_end": "2026-03-31", "received_on": "2026-05-10"}})
	count(control.deny) == 1 with input as register(old)
}

test_unreviewed_report_fails if {
	count(control.deny) == 4 with input as register(object.union(org, {"review": null}))
}
