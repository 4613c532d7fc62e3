# METADATA
# title: Client input files are processed completely
# description: >-
#   For every processed input file received from a user entity, the records
#   received equal the records processed plus the records rejected, and every file
#   with rejected records had its rejections reported back to the user entity. A
#   file still being processed is a warning. The population is every input file
#   received.
package soc1.transactions.input_files_complete

import data.soc1.lib.time

files := [row.value | some row in input.input_files.items]

resources contains f.file_id if some f in files

deny contains {"resource": f.file_id, "message": msg} if {
	some f in files
	lower(f.status) == "processed"
	not balanced(f)
	msg := sprintf("input file %s from %s: %s records received, %s processed and %s rejected do not balance", [f.file_id, f.client_id, f.records_received, f.records_processed, f.records_rejected])
}

deny contains {"resource": f.file_id, "message": sprintf("input file %s from %s had %s records rejected, but the rejections were not reported to the client", [f.file_id, f.client_id, f.records_rejected])} if {
	some f in files
	to_number(f.records_rejected) > 0
	not time.present(f.rejections_reported_at)
}

warn contains {"resource": f.file_id, "message": sprintf("input file %s from %s is %s, not yet processed", [f.file_id, f.client_id, f.status])} if {
	some f in files
	lower(f.status) != "processed"
}

balanced(f) if to_number(f.records_received) == to_number(f.records_processed) + to_number(f.records_rejected)
