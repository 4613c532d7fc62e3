package northwind.operations.backups

resources contains job.database if some job in input.file.content.jobs

deny contains {"resource": job.database, "message": sprintf("the backup of %s %s at %s", [job.database, job.status, job.finished_at])} if {
	some job in input.file.content.jobs
	job.status != "succeeded"
}
