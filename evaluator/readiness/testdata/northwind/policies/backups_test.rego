package northwind.operations.backups_test

import data.northwind.operations.backups

test_failed_backup_denied if {
	count(backups.deny) == 1 with input as {"file": {"content": {"jobs": [{"database": "payroll", "status": "failed", "finished_at": "2026-02-09T02:00:00Z"}]}}}
}
