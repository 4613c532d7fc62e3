package socle.net

deny contains "reachable" if {
	r := http.send({"method": "GET", "url": "https://example.com"}) # ERROR: undefined function http.send
	r.status_code == 200
}

warn contains msg if {
	msg := opa.runtime().env.AWS_SECRET_ACCESS_KEY # ERROR: undefined function opa.runtime
}
