package soc1.access.network_admin_ports_test

import data.soc1.access.network_admin_ports as control

sg(ingress) := {"terraform": {"by_type": {"aws_security_group": [{"address": "aws_security_group.x", "values": {"ingress": [ingress]}}]}}}

rule(from, to, protocol, cidrs) := {"from_port": from, "to_port": to, "protocol": protocol, "cidr_blocks": cidrs, "ipv6_cidr_blocks": []}

test_https_from_internet_passes if {
	count(control.deny) == 0 with input as sg(rule(443, 443, "tcp", ["0.0.0.0/0"]))
	control.resources == {"aws_security_group.x"} with input as sg(rule(443, 443, "tcp", ["0.0.0.0/0"]))
}

test_ssh_from_private_network_passes if {
	count(control.deny) == 0 with input as sg(rule(22, 22, "tcp", ["10.0.0.0/8"]))
}

test_ssh_from_internet_fails if {
	denied := control.deny with input as sg(rule(22, 22, "tcp", ["0.0.0.0/0"]))
	denied == {{"resource": "aws_security_group.x", "message": "aws_security_group.x allows ingress from the internet to administrative ports [22]"}}
}

test_all_protocols_from_internet_fails if {
	count(control.deny) == 1 with input as sg(rule(0, 0, "-1", ["0.0.0.0/0"]))
}

test_standalone_ipv6_rule_fails if {
	inp := {"terraform": {"by_type": {"aws_vpc_security_group_ingress_rule": [{"address": "aws_vpc_security_group_ingress_rule.db", "values": {"cidr_ipv6": "::/0", "from_port": 5432, "to_port": 5432, "ip_protocol": "tcp"}}]}}}
	count(control.deny) == 1 with input as inp
}
