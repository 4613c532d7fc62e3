package soc1.data.s3_encrypted_test

import data.soc1.data.s3_encrypted as control

s3(encryption) := {"aws": {"s3": {"buckets": {"exports": {"name": "exports", "encryption": encryption}}}}}

rule(algorithm) := {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": algorithm}}]}

test_kms_bucket_passes if {
	count(control.deny) == 0 with input as s3(rule("aws:kms"))
	control.resources == {"exports"} with input as s3(rule("aws:kms"))
}

test_s3_managed_keys_fail if {
	denied := control.deny with input as s3(rule("AES256"))
	denied == {{"resource": "exports", "message": "bucket exports encrypts with AES256 by default, not with a KMS key"}}
}

test_no_encryption_fails if {
	count(control.deny) == 1 with input as s3(null)
}
