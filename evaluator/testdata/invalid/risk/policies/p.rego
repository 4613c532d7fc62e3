package socle.p

resources contains "r"
