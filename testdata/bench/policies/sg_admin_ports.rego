# No security group admits SSH (22) or RDP (3389) from the whole internet.
package socle.bench.sg_admin_ports

import data.socle.bench.lib

admin_ports := {22: "SSH", 3389: "RDP"}

resources contains sg.address if some sg in input.terraform.by_type.aws_security_group

deny contains {"resource": sg.address, "msg": sprintf("%s: %s (port %d) is open to %s", [sg.address, service, port, source])} if {
	some sg in input.terraform.by_type.aws_security_group
	some rule in object.get(sg.values, "ingress", [])
	some source in lib.world_sources(rule)
	some port, service in admin_ports
	lib.covers_port(rule, port)
}
