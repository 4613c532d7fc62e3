package soc1.transactions.input_files_complete_test

import data.soc1.transactions.input_files_complete as control

file(received, processed, rejected, reported) := {"input_files": {"items": [{"value": {
	"file_id": "IF-1", "client_id": "C-1", "status": "processed", "records_received": received,
	"records_processed": processed, "records_rejected": rejected, "rejections_reported_at": reported,
}}]}}

test_balanced_file_passes if {
	count(control.deny) == 0 with input as file("100", "98", "2", "2026-11-24T17:00:00Z")
	control.resources == {"IF-1"} with input as file("100", "98", "2", "2026-11-24T17:00:00Z")
}

test_lost_records_fail if {
	denied := control.deny with input as file("100", "97", "2", "2026-11-24T17:00:00Z")
	denied == {{"resource": "IF-1", "message": "input file IF-1 from C-1: 100 records received, 97 processed and 2 rejected do not balance"}}
}

test_unreported_rejections_fail if {
	count(control.deny) == 1 with input as file("100", "98", "2", "")
}
