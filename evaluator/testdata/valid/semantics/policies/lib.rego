package socle.t.lib

users := [item.value | some item in input.file.items]
