# METADATA
# title: Every database encrypts its storage
# description: >-
#   Every RDS DB instance of the account has StorageEncrypted: its storage, its
#   automated backups, snapshots and read replicas are encrypted at rest.
package soc1.data.rds_encrypted

resources contains id if some id, _ in input.aws.rds.instances

deny contains {"resource": id, "message": sprintf("DB instance %s does not encrypt its storage", [id])} if {
	some id, db in input.aws.rds.instances
	object.get(db, "StorageEncrypted", false) != true
}
