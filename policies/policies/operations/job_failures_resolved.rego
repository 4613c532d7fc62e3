# METADATA
# title: Failed scheduled jobs are resolved
# description: >-
#   Every run of a scheduled job that failed was resolved: a rerun of it
#   (rerun_of naming the failed run) succeeded, or an incident ticket records its
#   resolution. The population is every run in the job scheduler's history.
package soc1.operations.job_failures_resolved

import data.soc1.lib.time

runs := [row.value | some row in input.job_runs.items]

succeeded_reruns := {r.rerun_of | some r in runs; lower(r.status) == "succeeded"; time.present(r.rerun_of)}

resources contains r.run_id if some r in runs

deny contains {"resource": r.run_id, "message": msg} if {
	some r in runs
	not lower(r.status) in {"succeeded", "running", "scheduled"}
	not succeeded_reruns[r.run_id]
	not time.present(r.incident)
	msg := sprintf("run %s of %s for %s %s, with no successful rerun and no incident recording its resolution", [r.run_id, r.job, r.business_date, r.status])
}
