package cli.slow

resources contains u.value.id if some u in input.file.items

deny contains "impossible" if {
	some a in numbers.range(1, 5000)
	some b in numbers.range(1, 5000)
	some c in numbers.range(1, 5000)
	a + b + c < 0
}
