# METADATA
# title: KMS keys rotate their key material
# description: >-
#   Every KMS key of the account that can rotate (whose get-key-rotation-status
#   was exported: symmetric keys with AWS-generated material) has automatic
#   rotation enabled. Keys that cannot rotate (asymmetric, HMAC, imported
#   material) have no rotation status and are not in the population.
package soc1.data.kms_rotation

rotating_keys contains id if {
	some id, k in input.aws.kms.keys
	k.rotation != null
}

resources contains id if some id in rotating_keys

deny contains {"resource": id, "message": sprintf("KMS key %s does not rotate its key material", [id])} if {
	some id in rotating_keys
	input.aws.kms.keys[id].rotation.KeyRotationEnabled != true
}
