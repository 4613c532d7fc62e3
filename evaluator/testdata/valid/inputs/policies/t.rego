package socle.t.known

resources contains u.value.id if some u in input.file.items
