# Every trail encrypts its logs with a KMS key managed in this configuration
# whose automatic rotation is enabled (the trail's kms_key_id names the key by
# ARN or key id).
package socle.bench.cloudtrail_kms_rotation

import data.socle.bench.lib

rotating_keys := {id |
	some k in input.terraform.by_type.aws_kms_key
	object.get(k.values, "enable_key_rotation", false) == true
	some attr in ["arn", "key_id"]
	id := object.get(k.values, attr, "")
	id != ""
}

resources contains t.address if some t in input.terraform.by_type.aws_cloudtrail

deny contains {"resource": t.address, "msg": sprintf("%s: logs are not encrypted with a KMS key", [t.address])} if {
	some t in input.terraform.by_type.aws_cloudtrail
	object.get(t.values, "kms_key_id", null) in {null, ""}
	not lib.unknown(t, "kms_key_id")
}

deny contains {"resource": t.address, "msg": sprintf("%s: KMS key %s does not rotate (or is not managed here)", [t.address, key])} if {
	some t in input.terraform.by_type.aws_cloudtrail
	key := t.values.kms_key_id
	is_string(key)
	key != ""
	not rotating_keys[key]
}
