package socle.t.conflict

x := 1 if count(input.file.items) > 0

x := 2 if count(input.file.items) > 1

deny contains "never" if x == 3
