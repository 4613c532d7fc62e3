socle {
  limits {
    input_items = 2
  }
}
