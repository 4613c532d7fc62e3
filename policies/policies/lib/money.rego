# METADATA
# title: Money helpers
# description: >-
#   Amounts as exports write them (decimal text such as "1236540.00", or numbers),
#   in whole cents, so that totals are compared exactly.
package soc1.lib.money

# cents(v) is the amount in cents; a blank cell is 0. Undefined for text that is
# not a number.
cents(v) := 0 if v == ""

cents(v) := round(to_number(v) * 100) if v != ""

# shown(c) writes cents as a decimal amount, "1234.50".
shown(c) := sprintf("%s%d.%02d", [sign(c), floor(abs(c) / 100), abs(c) % 100])

sign(c) := "-" if c < 0

else := ""
