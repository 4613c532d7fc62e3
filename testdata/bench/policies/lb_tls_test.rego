package socle.bench.lb_tls_test

import data.socle.bench.lb_tls
import data.socle.bench.lib.fixture

https(policy) := fixture.resource("aws_lb_listener", "https", {"port": 443, "protocol": "HTTPS", "ssl_policy": policy})

http(action) := fixture.resource("aws_lb_listener", "http", {"port": 80, "protocol": "HTTP", "ssl_policy": "", "default_action": [action]})

redirect := {"type": "redirect", "redirect": [{"port": "443", "protocol": "HTTPS", "status_code": "HTTP_301"}]}

forward := {"type": "forward", "redirect": [], "target_group_arn": "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/app/1"}

test_modern_tls_and_redirect_pass if {
	inp := fixture.plan([https("ELBSecurityPolicy-TLS13-1-2-2021-06"), http(redirect)])
	count(lb_tls.deny) == 0 with input as inp
	count(lb_tls.resources) == 2 with input as inp
}

test_legacy_tls_fails if {
	lb_tls.deny == {{"resource": "aws_lb_listener.https", "msg": `aws_lb_listener.https: TLS policy "ELBSecurityPolicy-2016-08" is not approved (TLS 1.2 or later required)`}} with input as fixture.plan([https("ELBSecurityPolicy-2016-08")])
}

test_plain_http_forward_fails if {
	lb_tls.deny == {{"resource": "aws_lb_listener.http", "msg": "aws_lb_listener.http: plain HTTP listener on port 80 does not redirect to HTTPS"}} with input as fixture.plan([http(forward)])
}
