package malformed

resources contains key if {
  some key, _ in input
  key ==
}
