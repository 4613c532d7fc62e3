# METADATA
# title: Date helpers
# description: >-
#   Dates and times as exports write them (YYYY-MM-DD, or RFC 3339), turned into
#   nanoseconds and whole days. A value that is not a date leaves the helper
#   undefined, so policies write the compliant condition as a rule and deny when
#   it does not hold: a malformed date is then a finding, never a silent pass.
package soc1.lib.time

day_ns := 86400000000000

# ns(s) is the time s names, in nanoseconds since the epoch.
ns(s) := time.parse_rfc3339_ns(s) if contains(s, "T")

else := time.parse_ns("2006-01-02", s) if count(s) == 10

# days(from, to) is the number of whole days from one to the other.
days(from, to) := floor((ns(to) - ns(from)) / day_ns)

# minutes(from, to) is the number of minutes (fractional) between two times.
minutes(from, to) := (ns(to) - ns(from)) / 60000000000

# not_after(a, b) holds when a is on or before b.
not_after(a, b) if ns(a) <= ns(b)

# present(s) holds for a value that is neither absent, null nor blank.
present(s) if trim_space(s) != ""
