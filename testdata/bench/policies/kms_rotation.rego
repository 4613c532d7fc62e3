# Every symmetric encryption key has automatic rotation enabled (asymmetric and
# HMAC keys cannot rotate and are examined but not judged).
package socle.bench.kms_rotation

resources contains k.address if some k in input.terraform.by_type.aws_kms_key

rotatable(k) if {
	object.get(k.values, "key_usage", "ENCRYPT_DECRYPT") == "ENCRYPT_DECRYPT"
	object.get(k.values, "customer_master_key_spec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
}

deny contains {"resource": k.address, "msg": sprintf("%s: automatic key rotation is disabled", [k.address])} if {
	some k in input.terraform.by_type.aws_kms_key
	rotatable(k)
	object.get(k.values, "enable_key_rotation", false) != true
}
