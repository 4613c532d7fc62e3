package socle.p

resources contains "x"
