package soc1.data.kms_rotation_test

import data.soc1.data.kms_rotation as control

kms(rotation) := {"aws": {"kms": {"keys": {"k1": {"KeyId": "k1", "rotation": rotation}, "sign": {"KeyId": "sign", "rotation": null}}}}}

test_rotating_key_passes if {
	count(control.deny) == 0 with input as kms({"KeyRotationEnabled": true})
	control.resources == {"k1"} with input as kms({"KeyRotationEnabled": true})
}

test_key_without_rotation_fails if {
	count(control.deny) == 1 with input as kms({"KeyRotationEnabled": false})
}
