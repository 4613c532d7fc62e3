package socle.bench.ec2_imdsv2_test

import data.socle.bench.ec2_imdsv2
import data.socle.bench.lib.fixture

instance(tokens) := fixture.resource("aws_instance", "app", {"metadata_options": [{"http_endpoint": "enabled", "http_tokens": tokens}]})

test_imdsv2_passes if {
	count(ec2_imdsv2.deny) == 0 with input as fixture.plan([instance("required")])
}

test_imdsv1_fails if {
	want := {{"resource": "aws_instance.app", "msg": "aws_instance.app: the instance metadata service does not require IMDSv2 tokens"}}
	ec2_imdsv2.deny == want with input as fixture.plan([instance("optional")])
	ec2_imdsv2.deny == want with input as fixture.plan([fixture.resource("aws_instance", "app", {})])
}
