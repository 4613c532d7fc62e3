# METADATA
# title: No security group opens an administrative port to the internet
# description: >-
#   No security group rule in the Terraform configuration allows ingress from
#   0.0.0.0/0 or ::/0 to a port that administers a host or a database
#   (soc1.params.admin_ports: SSH, RDP, WinRM, database ports …), whether the rule
#   is inline in an aws_security_group, an aws_security_group_rule or an
#   aws_vpc_security_group_ingress_rule. A rule for every protocol ("-1") covers
#   every port. The population is every security group and ingress rule resource.
package soc1.access.network_admin_ports

import data.soc1.lib.terraform
import data.soc1.params

anywhere := {"0.0.0.0/0", "::/0"}

# Ingress rules, each {"address", "from", "to", "protocol", "cidrs"}.
rules contains {"address": r.address, "from": i.from_port, "to": i.to_port, "protocol": i.protocol, "cidrs": cidrs} if {
	some r in terraform.of_type("aws_security_group")
	some i in object.get(r.values, "ingress", [])
	cidrs := {c | some c in array.concat(object.get(i, "cidr_blocks", []), object.get(i, "ipv6_cidr_blocks", []))}
}

rules contains {"address": r.address, "from": v.from_port, "to": v.to_port, "protocol": v.protocol, "cidrs": cidrs} if {
	some r in terraform.of_type("aws_security_group_rule")
	v := r.values
	v.type == "ingress"
	cidrs := {c | some c in array.concat(object.get(v, "cidr_blocks", []), object.get(v, "ipv6_cidr_blocks", []))}
}

rules contains {"address": r.address, "from": object.get(v, "from_port", 0), "to": object.get(v, "to_port", 65535), "protocol": v.ip_protocol, "cidrs": cidrs} if {
	some r in terraform.of_type("aws_vpc_security_group_ingress_rule")
	v := r.values
	cidrs := {c | some c in [object.get(v, "cidr_ipv4", null), object.get(v, "cidr_ipv6", null)]; c != null}
}

resources contains r.address if {
	some t in ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"]
	some r in terraform.of_type(t)
}

deny contains {"resource": address, "message": msg} if {
	some address in {r.address | some r in rules}
	ports := {p | some r in rules; r.address = address; some p in open_ports(r)}
	count(ports) > 0
	msg := sprintf("%s allows ingress from the internet to administrative ports %v", [address, sort(ports)])
}

open_ports(r) := {p |
	some c in r.cidrs
	anywhere[c]
	some p in params.admin_ports
	covers(r, p)
}

covers(r, _) if r.protocol in {"-1", "all"}

covers(r, p) if {
	r.protocol in {"tcp", "udp", "6", "17"}
	r.from <= p
	p <= r.to
}
