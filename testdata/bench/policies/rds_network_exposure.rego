# No RDS instance is publicly accessible or attached to a security group that
# admits traffic from the whole internet.
package socle.bench.rds_network_exposure

import data.socle.bench.lib

# Ids of the security groups with an ingress rule open to the internet. Groups
# being created have no id yet: neither have the references to them.
open_groups := {sg.values.id |
	some sg in input.terraform.by_type.aws_security_group
	some rule in object.get(sg.values, "ingress", [])
	lib.open_to_world(rule)
}

resources contains db.address if some db in input.terraform.by_type.aws_db_instance

deny contains {"resource": db.address, "msg": sprintf("%s: the instance is publicly accessible", [db.address])} if {
	some db in input.terraform.by_type.aws_db_instance
	db.values.publicly_accessible == true
}

deny contains {"resource": db.address, "msg": sprintf("%s: security group %s admits traffic from the internet", [db.address, id])} if {
	some db in input.terraform.by_type.aws_db_instance
	some id in object.get(db.values, "vpc_security_group_ids", [])
	open_groups[id]
}
