objective "a" {
  ref   = "CO-1"
  title = "A" "B" # ERROR: Missing newline after argument
}
