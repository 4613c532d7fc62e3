package cli.inventory

resources contains a.id if some a in input.inventory.assets

deny contains {"resource": a.id, "message": sprintf("%s has an unencrypted disk", [a.hostname])} if {
	some a in input.inventory.assets
	not a.disk_encrypted
}
