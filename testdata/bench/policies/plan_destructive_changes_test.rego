package socle.bench.plan_destructive_changes_test

import data.socle.bench.lib.fixture
import data.socle.bench.plan_destructive_changes

volume := fixture.resource("aws_ebs_volume", "data", {"encrypted": true})

test_additive_plan_passes if {
	inp := fixture.plan_deleting([volume], [`module.app["api"].aws_instance.server[3]`])
	count(plan_destructive_changes.deny) == 0 with input as inp
	plan_destructive_changes.resources == {"aws_ebs_volume.data", `module.app["api"].aws_instance.server[3]`} with input as inp
}

test_deleted_bucket_fails if {
	address := `module.storage.aws_s3_bucket.bucket["bench.logs"]`
	plan_destructive_changes.deny == {{"resource": address, "msg": sprintf("%s: the plan destroys this aws_s3_bucket", [address])}} with input as fixture.plan_deleting([volume], [address])
}

test_replaced_volume_fails if {
	replaced := object.union(volume, {"change": {"actions": ["delete", "create"]}})
	plan_destructive_changes.deny == {{"resource": "aws_ebs_volume.data", "msg": "aws_ebs_volume.data: the plan replaces this aws_ebs_volume (destroy and re-create)"}} with input as fixture.plan([replaced])
}
