# Load balancer listeners accept only TLS 1.2 or later: HTTPS/TLS listeners use
# an approved security policy and plain HTTP listeners only redirect to HTTPS.
package socle.bench.lb_tls

approved_policies := {
	"ELBSecurityPolicy-TLS13-1-2-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
	"ELBSecurityPolicy-TLS13-1-3-2021-06",
	"ELBSecurityPolicy-TLS-1-2-2017-01",
	"ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
	"ELBSecurityPolicy-FS-1-2-Res-2020-10",
}

resources contains l.address if some l in input.terraform.by_type.aws_lb_listener

redirects_to_https(l) if {
	some a in object.get(l.values, "default_action", [])
	a.type == "redirect"
	some r in a.redirect
	r.protocol == "HTTPS"
}

deny contains {"resource": l.address, "msg": sprintf("%s: TLS policy %q is not approved (TLS 1.2 or later required)", [l.address, policy])} if {
	some l in input.terraform.by_type.aws_lb_listener
	l.values.protocol in {"HTTPS", "TLS"}
	policy := object.get(l.values, "ssl_policy", "")
	not policy in approved_policies
}

deny contains {"resource": l.address, "msg": sprintf("%s: plain HTTP listener on port %d does not redirect to HTTPS", [l.address, l.values.port])} if {
	some l in input.terraform.by_type.aws_lb_listener
	l.values.protocol == "HTTP"
	not redirects_to_https(l)
}
