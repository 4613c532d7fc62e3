# A planned change neither destroys nor replaces a resource that holds data
# (bucket, database, volume, KMS key, log group): such changes go through the
# data-retention approval, not the ordinary change process.
package socle.bench.plan_destructive_changes

import data.socle.bench.lib

stateful := {"aws_s3_bucket", "aws_db_instance", "aws_ebs_volume", "aws_kms_key", "aws_cloudwatch_log_group"}

# The population is every managed resource the plan touches, deleted ones too.
resources contains r.address if {
	some rs in input.terraform.by_type
	some r in rs
}

resources contains address if some address in input.terraform.deleted

deny contains {"resource": address, "msg": sprintf("%s: the plan destroys this %s", [address, type])} if {
	some address in input.terraform.deleted
	type := lib.address_type(address)
	type in stateful
}

deny contains {"resource": r.address, "msg": sprintf("%s: the plan replaces this %s (destroy and re-create)", [r.address, type])} if {
	some type in stateful
	some r in object.get(input.terraform.by_type, type, [])
	"delete" in r.change.actions
}
