# METADATA
# title: HR roster helpers
# description: >-
#   The rows of the HR roster (input.hr, a CSV export read by a file provider,
#   one or several files), and who is active. A row whose status is "terminated"
#   is a leaver; every other row (active, on leave) is current personnel.
package soc1.lib.people

employees contains row.value if some row in input.hr.items

active contains e if {
	some e in employees
	lower(e.status) != "terminated"
}

terminated contains e if {
	some e in employees
	lower(e.status) == "terminated"
}

# or_none shows an empty cell as "none" in a message.
or_none(s) := s if s != ""

else := "none"
