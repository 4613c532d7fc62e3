package socle.t.slow

# Billions of steps: only the time limit stops it.
deny contains "impossible" if {
	some a in numbers.range(1, 5000)
	some b in numbers.range(1, 5000)
	some c in numbers.range(1, 5000)
	a + b + c < 0
}
