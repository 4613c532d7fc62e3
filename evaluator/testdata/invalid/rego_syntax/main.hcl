objective "a" {
  ref   = "CO-1"
  title = "A"
}
