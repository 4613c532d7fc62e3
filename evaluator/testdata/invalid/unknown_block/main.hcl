objective "a" {
  ref   = "CO-1"
  title = "A"
}
controll "x" { # ERROR: Did you mean "control"?
}
