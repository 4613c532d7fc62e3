# METADATA
# title: Every S3 bucket blocks public access
# description: >-
#   Every S3 bucket of the account has a public access block with all four
#   settings on (BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy,
#   RestrictPublicBuckets), so that no ACL or bucket policy can make its data
#   public.
package soc1.data.s3_public_access_blocked

settings := ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]

resources contains name if some name, _ in input.aws.s3.buckets

deny contains {"resource": name, "message": sprintf("bucket %s has no public access block", [name])} if {
	some name, b in input.aws.s3.buckets
	b.public_access_block == null
}

deny contains {"resource": name, "message": sprintf("bucket %s does not block public access: %s off", [name, concat(", ", off)])} if {
	some name, b in input.aws.s3.buckets
	b.public_access_block != null
	off := [s | some s in settings; object.get(b.public_access_block, s, false) != true]
	count(off) > 0
}
