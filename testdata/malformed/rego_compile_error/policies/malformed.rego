package malformed

resources contains key if {
  some key, _ in input
  not_a_function(key)
}
