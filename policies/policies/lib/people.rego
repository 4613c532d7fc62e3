# METADATA
# title: HR roster helpers
# description: >-
#   The rows of the HR roster (input.hr, a CSV export read by a file provider,
#   one or several files), and who is active. A row whose status is "terminated"
#   is a leaver; every other row (active, on leave) is current personnel.
package soc1.lib.people

# Lists, not sets: a set of rows would hash every row to build it.
employees := [row.value | some row in input.hr.items]

active := [e | some e in employees; lower(e.status) != "terminated"]

terminated := [e | some e in employees; lower(e.status) == "terminated"]

# or_none shows an empty cell as "none" in a message.
or_none(s) := s if s != ""

else := "none"
