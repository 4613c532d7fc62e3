package socle.bench.rds_network_exposure_test

import data.socle.bench.lib.fixture
import data.socle.bench.rds_network_exposure

sg(cidr) := fixture.resource("aws_security_group", "db", {"id": "sg-1", "ingress": [{
	"cidr_blocks": [cidr], "protocol": "tcp", "from_port": 5432, "to_port": 5432,
}]})

db(public) := fixture.resource("aws_db_instance", "db", {"publicly_accessible": public, "vpc_security_group_ids": ["sg-1"]})

test_private_database_passes if {
	inp := fixture.plan([sg("10.20.0.0/16"), db(false)])
	count(rds_network_exposure.deny) == 0 with input as inp
	rds_network_exposure.resources == {"aws_db_instance.db"} with input as inp
}

test_public_database_fails if {
	rds_network_exposure.deny == {{"resource": "aws_db_instance.db", "msg": "aws_db_instance.db: the instance is publicly accessible"}} with input as fixture.plan([sg("10.20.0.0/16"), db(true)])
}

test_database_behind_open_group_fails if {
	rds_network_exposure.deny == {{"resource": "aws_db_instance.db", "msg": "aws_db_instance.db: security group sg-1 admits traffic from the internet"}} with input as fixture.plan([sg("0.0.0.0/0"), db(false)])
}

test_groups_unknown_until_apply_are_not_judged if {
	unknown := fixture.created(fixture.resource("aws_db_instance", "db", {"publicly_accessible": false}), ["vpc_security_group_ids"])
	count(rds_network_exposure.deny) == 0 with input as fixture.plan([sg("0.0.0.0/0"), unknown])
}
