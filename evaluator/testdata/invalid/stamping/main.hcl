objective "a" {
  ref   = "CO-1"
  title = "A"
}
provider "file" {
  snapshot = "x.json"
}
control "both" {
  objective = objective.a
  title     = "C"
  policy    = "socle.p"
  providers = [file]
  count     = 2
  for_each  = { a = 1 } # ERROR: A control may be stamped with count or with for_each, not both
}
control "negative" {
  objective = objective.a
  title     = "C ${count.index}"
  policy    = "socle.p"
  providers = [file]
  count     = -1 # ERROR: count must be a whole number of zero or more
}
control "list" {
  objective = objective.a
  title     = "C ${each.key}"
  policy    = "socle.p"
  providers = [file]
  for_each  = ["a", "b"] # ERROR: for_each takes a map, or a set of strings
}
control "counted" {
  objective = objective.a
  title     = "C ${each.value}" # ERROR: only available in a control that sets for_each
  policy    = "socle.p"
  providers = [file]
  count     = 1
}
control "huge" {
  objective = objective.a
  title     = "C"
  policy    = "socle.p"
  providers = [file]
  count     = 1e9 # ERROR: a control may have at most 10000 instances
}
