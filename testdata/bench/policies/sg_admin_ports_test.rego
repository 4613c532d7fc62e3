package socle.bench.sg_admin_ports_test

import data.socle.bench.lib.fixture
import data.socle.bench.sg_admin_ports

rule(protocol, from, to, cidrs) := {
	"cidr_blocks": cidrs, "ipv6_cidr_blocks": [], "protocol": protocol,
	"from_port": from, "to_port": to,
}

sg(ingress) := fixture.resource("aws_security_group", "web", {"name": "web", "ingress": ingress})

test_https_from_anywhere_and_ssh_from_vpn_pass if {
	inp := fixture.plan([sg([rule("tcp", 443, 443, ["0.0.0.0/0"]), rule("tcp", 22, 22, ["10.0.0.0/8"])])])
	count(sg_admin_ports.deny) == 0 with input as inp
	sg_admin_ports.resources == {"aws_security_group.web"} with input as inp
}

test_ssh_from_anywhere_fails if {
	inp := fixture.plan([sg([rule("tcp", 22, 22, ["0.0.0.0/0"])])])
	sg_admin_ports.deny == {{"resource": "aws_security_group.web", "msg": "aws_security_group.web: SSH (port 22) is open to 0.0.0.0/0"}} with input as inp
}

test_all_traffic_from_ipv6_anywhere_fails if {
	open_all := {"cidr_blocks": [], "ipv6_cidr_blocks": ["::/0"], "protocol": "-1", "from_port": 0, "to_port": 0}
	sg_admin_ports.deny == {
		{"resource": "aws_security_group.web", "msg": "aws_security_group.web: SSH (port 22) is open to ::/0"},
		{"resource": "aws_security_group.web", "msg": "aws_security_group.web: RDP (port 3389) is open to ::/0"},
	} with input as fixture.plan([sg([open_all])])
}
