package socle.t.bare

resources contains u.value.id if some u in input.file.items

deny contains "the identity provider allows password-only sign-in" if true
