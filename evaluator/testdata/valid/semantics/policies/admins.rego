package socle.t.admins

deny contains {"resource": u.value.id, "message": "is an administrator"} if {
	some u in input.file.items
	u.value.admin
}
