# METADATA
# title: Scheduled jobs run only as management approved them
# description: >-
#   Every CronJob in the cluster is on management's approved job schedule
#   (approvals/job-schedule.yaml, as NAMESPACE/NAME) with the same schedule: a job
#   added, or a schedule changed, without approval is a deviation. The population is
#   every CronJob.
package soc1.operations.scheduled_jobs_authorized

import data.soc1.lib.kubernetes

approved := [j | some j in object.get(input.job_schedule.content, "jobs", [])]

approved_names := {j.job | some j in approved}

approved_schedules := {sprintf("%s %s", [j.job, j.schedule]) | some j in approved}

job_name(c) := sprintf("%s/%s", [c.namespace, c.name])

resources contains c.key if some c in kubernetes.of_kind("CronJob")

deny contains {"resource": c.key, "message": sprintf("%s is not on the approved job schedule", [job_name(c)])} if {
	some c in kubernetes.of_kind("CronJob")
	not approved_names[job_name(c)]
}

deny contains {"resource": c.key, "message": msg} if {
	some c in kubernetes.of_kind("CronJob")
	name := job_name(c)
	approved_names[name]
	not approved_schedules[sprintf("%s %s", [name, c.object.spec.schedule])]
	msg := sprintf("%s runs on %q, but the approved schedule is %s", [name, c.object.spec.schedule, concat(" or ", [sprintf("%q", [j.schedule]) | some j in approved; j.job == name])])
}
