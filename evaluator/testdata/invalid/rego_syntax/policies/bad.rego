package socle.bad

deny contains msg if {
	msg := "x" +* 2 # ERROR: unexpected
}
